/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A salesperson, on the contact's form.
registry.category("web_tour.tours").add("crm_retention_request_deletion_tour", {
    steps: () => [
        {
            content: "Open the gear menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Ask for the deletion of the contact",
            trigger: ".o-dropdown--menu .dropdown-item:contains(Request Deletion)",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] input",
            run: "edit Typed by mistake",
        },
        {
            content: "Send the request",
            trigger: ".modal button[name=action_request]",
            run: "click",
        },
        {
            content: "The form shows the request",
            trigger: ".o_form_view .ribbon:contains(Deletion Requested)",
        },
        {
            content: "The gear menu no longer offers it",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu:contains(Mark as Former):not(:contains(Request Deletion))",
        },
    ],
});

// A Data Manager, from the CRM app.
registry.category("web_tour.tours").add("crm_retention_approve_deletion_tour", {
    steps: () => [
        {
            content: "CRM configuration menu",
            trigger: ".o_main_navbar button:contains(Configuration)",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains(Deletion Requests)",
            run: "click",
        },
        {
            content: "The request waits, with its reason",
            trigger: ".o_list_view .o_data_row:contains(Tour Typo Contakt):contains(Typed by mistake)",
        },
        {
            content: "Approve",
            trigger: ".o_list_view .o_data_row:contains(Tour Typo Contakt) button[name=action_approve]",
            run: "click",
        },
        {
            content: "Nothing left to decide",
            trigger: ".o_view_nocontent:contains(No deletion request to decide)",
        },
        {
            content: "Open the Recycle Bin",
            trigger: ".o_main_navbar button:contains(Configuration)",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains(Recycle Bin)",
            run: "click",
        },
        {
            content: "The contact is in the bin, with the reason of the request",
            trigger: ".o_list_view .o_data_row:contains(Tour Typo Contakt):contains(Request: Typed by mistake)",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Tour Typo Contakt)",
            async run() {
                // A screenshot for ./dev screenshots (tests/screenshots.py).
                console.log("crm_retention_screenshot:recycle_bin");
                await new Promise((resolve) => setTimeout(resolve, 500));
            },
        },
        {
            content: "Restore it",
            trigger: ".o_list_view .o_data_row:contains(Tour Typo Contakt) button[name=action_restore]",
            run: "click",
        },
        {
            content: "Restored",
            trigger: ".o_notification:contains(1 records restored)",
        },
    ],
});
