/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_retention_offboarding_menu_tour", {
    steps: () => [
        {
            content: "CRM configuration menu",
            trigger: ".o_main_navbar button:contains(Configuration)",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains(Offboard a User)",
            run: "click",
        },
        {
            content: "Who leaves",
            trigger: ".modal .o_field_widget[name=user_id] input",
            run: "edit Menu Leaver",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Menu Leaver)",
            run: "click",
        },
        {
            content: "Their customers stay with them this time",
            trigger: ".modal .o_field_widget[name=customer_count]:contains(1)",
        },
        {
            trigger: ".modal .o_field_widget[name=include_customers] input",
            run: "click",
        },
        {
            content: "To whom",
            trigger: ".modal .o_field_widget[name=target_user_id] input",
            run: "edit Menu Heir",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Menu Heir)",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_review]",
            run: "click",
        },
        {
            trigger: ".modal:contains(Deactivate Menu Leaver) button[name=action_offboard]",
            run: "click",
        },
        {
            content: "The summary says what stayed",
            trigger: ".o_form_view .o_field_widget[name=summary]:contains(Kept with Menu Leaver: 1 customer)",
        },
        {
            content: "The customer left behind is in the report",
            trigger: ".o_main_navbar button:contains(Reporting)",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains(Work of Inactive Users)",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_group_header:contains(Menu Leaver)",
            run: "click",
        },
        {
            content: "Offboard again from the report's line",
            trigger: ".o_list_view .o_data_row:contains(Menu Customer) button[name=action_offboard]",
            run: "click",
        },
        {
            content: "The wizard opens for that user",
            trigger: ".modal .o_field_widget[name=user_id] input:value(Menu Leaver)",
        },
    ],
});
