/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_retention_former_tour", {
    steps: () => [
        {
            content: "Open the gear menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Mark the customer as former",
            trigger: ".o-dropdown--menu .dropdown-item:contains(Mark as Former)",
            run: "click",
        },
        {
            content: "Pick a reason",
            trigger: ".modal .o_field_widget[name=reason_id] input",
            run: "edit Switched",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Switched supplier)",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The form shows the Former ribbon",
            trigger: ".o_form_view .ribbon:contains(Former)",
        },
        {
            content: "Open the activity history",
            trigger: ".o_form_view button[name=action_view_activity_history]",
            run: "click",
        },
        {
            content: "The done activity is there, with its feedback",
            trigger: ".o_list_view .o_data_row:contains(Discussed the renewal):contains(Not renewing)",
        },
    ],
});
