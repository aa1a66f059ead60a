/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_retention_erasure_tour", {
    steps: () => [
        {
            content: "Open the actions menu of the contact's form",
            trigger: ".o_form_view .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Erase the contact's personal data",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Erase Personal Data)",
            run: "click",
        },
        {
            content: "The wizard counts the history that stays",
            trigger: ".modal .o_field_widget[name=lead_count]:contains(1)",
        },
        {
            trigger: ".modal .o_field_widget[name=message_count]:contains(3)",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] input",
            run: "edit Request RT-TOUR-042",
        },
        {
            trigger: ".modal .o_field_widget[name=reason] input:value(Request RT-TOUR-042)",
            async run() {
                // A screenshot for ./dev screenshots (tests/screenshots.py).
                console.log("crm_retention_screenshot:erasure_wizard");
                await new Promise((resolve) => setTimeout(resolve, 500));
            },
        },
        {
            content: "Erase",
            trigger: ".modal button[name=action_erase]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal:contains(Erase this personal data for good) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The form shows the Erased ribbon",
            trigger: ".o_form_view .ribbon:contains(Erased)",
        },
        {
            content: "The name is the pseudonym",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(Erased contact)",
        },
        {
            trigger: ".o_form_view .ribbon:contains(Erased)",
            async run() {
                // A screenshot for ./dev screenshots (tests/screenshots.py).
                console.log("crm_retention_screenshot:erased_contact");
                await new Promise((resolve) => setTimeout(resolve, 500));
            },
        },
    ],
});
