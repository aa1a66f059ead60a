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
            content: "Choose who takes over",
            trigger: ".modal .o_field_widget[name=target_user_id] input",
            run: "edit Tour Heir",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Heir)",
            run: "click",
        },
        {
            content: "Offboard",
            trigger: ".modal button[name=action_offboard]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal:contains(Deactivate this user) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The offboarding record sums up what moved",
            trigger:
                ".o_form_view .o_field_widget[name=summary]:contains(2 opportunities/leads to Tour Heir (2))",
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
    ],
});
