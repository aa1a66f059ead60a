/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_retention_smoke_tour", {
    steps: () => [
        {
            content: "Search the customer",
            trigger: ".o_searchview_input",
            run: "edit Smoke Test Customer",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open the customer",
            trigger: ".o_kanban_record:contains(Smoke Test Customer)",
            run: "click",
        },
        {
            content: "The contact form shows the customer",
            trigger: ".o_form_view .o_breadcrumb:contains(Smoke Test Customer)",
        },
    ],
});
