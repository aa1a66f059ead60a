/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_retention_no_delete_tour", {
    steps: () => [
        {
            content: "The sensitive phone column is not in the list",
            trigger: ".o_list_table:not(:has(th[data-name=phone]))",
        },
        {
            content: "Select the customer",
            trigger: ".o_data_row:contains(Tour Customer) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "The actions offer 'Mark as Former', neither Delete nor Export",
            trigger: ".o-dropdown--menu:contains(Mark as Former):not(:contains(Delete)):not(:contains(Export))",
        },
    ],
});
