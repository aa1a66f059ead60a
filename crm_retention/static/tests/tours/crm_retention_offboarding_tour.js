/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_retention_offboarding_tour", {
    steps: () => [
        {
            content: "Open the offboarding wizard from the user's form",
            trigger: ".o_form_view .o_form_statusbar button:contains(Offboard)",
            run: "click",
        },
        {
            content: "The wizard counts what the user owns",
            trigger: ".modal .o_field_widget[name=open_lead_count]:contains(2)",
        },
        {
            trigger: ".modal .o_field_widget[name=customer_count]:contains(1)",
        },
        {
            content: "A count opens the records it counts, above the wizard",
            trigger: ".modal .o_field_widget[name=open_lead_count] button.o_crm_retention_counted",
            run: "click",
        },
        {
            trigger: ".modal .o_list_view .o_data_row:contains(Tour deal 1)",
        },
        {
            content: "Back to the wizard",
            trigger: ".modal:has(.o_list_view) .modal-header .btn-close",
            run: "click",
        },
        {
            content: "Choose who takes over",
            trigger: ".modal .o_field_widget[name=target_user_id] input",
            run: "edit Tour Heir",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Heir)",
            run: "click",
        },
        {
            content: "The new owner is required: something is to be handed over",
            trigger: ".modal .o_field_widget.o_required_modifier[name=target_user_id]",
        },
        {
            trigger: ".modal .o_field_widget[name=target_user_id] input:value(Tour Heir)",
            async run() {
                // A screenshot for ./dev screenshots (tests/screenshots.py).
                console.log("crm_retention_screenshot:offboarding_wizard");
                await new Promise((resolve) => setTimeout(resolve, 500));
            },
        },
        {
            content: "Offboard",
            trigger: ".modal button[name=action_review]",
            run: "click",
        },
        {
            content: "Confirm: the sentence names the user, the numbers and the new owner",
            trigger:
                ".modal:contains(and hand over 2 opportunities and 1 customer to Tour Heir?) button[name=action_offboard]",
            run: "click",
        },
        {
            content: "The offboarding record sums up what moved",
            trigger:
                ".o_form_view .o_field_widget[name=summary]:contains(2 opportunities to Tour Heir (2))",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=summary]",
            async run() {
                // A screenshot for ./dev screenshots (tests/screenshots.py).
                console.log("crm_retention_screenshot:offboarding_summary");
                await new Promise((resolve) => setTimeout(resolve, 500));
            },
        },
        {
            content: "Undo the reassignment",
            trigger: ".o_form_view button[name=action_undo]",
            run: "click",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The record says who undid it",
            trigger: ".o_form_view .o_field_widget[name=undo_user_id]:contains(Tour Manager)",
        },
        {
            content: "The summary says what was given back",
            trigger:
                ".o_form_view .o_field_widget[name=summary]:contains(Undone: 2 opportunities and 1 customer given back to)",
        },
    ],
});
