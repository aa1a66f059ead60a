/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

const GEAR = ".o_control_panel .o_cp_action_menus button:has(.fa-cog)";
const MENU = ".o-dropdown--menu";

/**
 * A step that asks `./dev screenshots` (tests/screenshots.py) for a
 * screenshot of the screen as it is; elsewhere it is a short pause.
 */
function screenshot(name, trigger) {
    return {
        content: `Screenshot: ${name}`,
        trigger,
        async run() {
            const plain = trigger.replace(/:contains\([^)]*\)/g, "");
            document.querySelector(plain)?.scrollIntoView({block: "start"});
            console.log(`crm_retention_screenshot:${name}`);
            await new Promise((resolve) => setTimeout(resolve, 500));
        },
    };
}

registry.category("web_tour.tours").add("crm_retention_screens_manager_tour", {
    steps: () => [
        {
            content: "The history counts the done activity",
            trigger: ".o_form_view button[name=action_view_activity_history]:contains(1)",
        },
        {
            content: "Mark the planned activity done in the chatter",
            trigger: ".o-mail-Activity:contains(Send the offer) .o-mail-Activity-markDone",
            run: "click",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label='Done']",
            run: "click",
        },
        {
            content: "The counter follows at once, without a reload",
            trigger: ".o_form_view button[name=action_view_activity_history]:contains(2)",
        },
        {content: "Open the gear menu", trigger: GEAR, run: "click"},
        {
            content: "Current contact: Mark as Former and Move History, no Make Current",
            trigger: `${MENU}:contains(Mark as Former):contains(Move History To…):not(:contains(Make Current Again))`,
        },
        {
            content: "Delete",
            trigger: `${MENU} .dropdown-item:contains(Delete)`,
            run: "click",
        },
        {trigger: ".modal-footer button.btn-primary:contains(Delete)", run: "click"},
        {
            content: "The refusal says it in words, with the ways out as buttons",
            trigger:
                ".modal .o_crm_retention_guard:contains(Azure Screens has 2 opportunities, 2 activities and 2 messages.)",
        },
        {trigger: ".modal-title:contains(Azure Screens cannot be deleted)"},
        {
            trigger:
                ".modal-footer:has(button[data-method=action_mark_former]):has(button[data-method=action_archive]):has(button[data-method=action_move_history]):has(button[data-method=action_erase_personal_data])",
        },
        screenshot("guard_dialog", ".modal .o_crm_retention_guard"),
        {
            content: "Mark it as former from the dialog",
            trigger: ".modal-footer button[data-method=action_mark_former]",
            run: "click",
        },
        {
            content: "Confirm the wizard",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {trigger: ".o_form_view .ribbon:contains(Former)"},
        screenshot("former_ribbon", ".o_form_view .ribbon:contains(Former)"),
        {content: "Open the gear menu again", trigger: GEAR, run: "click"},
        {
            content: "Former contact: Make Current Again, no Mark as Former",
            trigger: `${MENU}:contains(Make Current Again):not(:contains(Mark as Former))`,
        },
        {
            content: "Open the activity history",
            trigger: ".o_form_view button[name=action_view_activity_history]:contains(2)",
            run: "click",
        },
        screenshot("history_list", ".o_list_view .o_data_row:contains(Send the offer)"),
        {
            content: "Open the history line",
            trigger: ".o_list_view .o_data_row:contains(Discussed the renewal) td[name=summary]",
            run: "click",
        },
        {
            content: "A read-only history form, with the feedback",
            trigger: ".o_form_view .o_field_widget[name=feedback]:contains(Not renewing)",
        },
        {trigger: ".o_form_view:not(:has(.o_field_widget input, .o_field_widget textarea))"},
        {trigger: ".o_breadcrumb:contains(Discussed the renewal):not(:contains(undefined))"},
        screenshot("history_form", ".o_form_view .o_field_widget[name=history_state]"),
    ],
});

registry.category("web_tour.tours").add("crm_retention_screens_salesperson_tour", {
    steps: () => [
        {
            content: "No column of Former checkboxes",
            trigger: ".o_list_table:not(:has(th[data-name=is_former]))",
        },
        {
            trigger: ".o_data_row:contains(Azure Screens) .o_list_record_selector input",
            run: "click",
        },
        {trigger: GEAR, run: "click"},
        {
            content: "No Merge for a salesperson; Mark as Former for a current contact",
            trigger: `${MENU}:contains(Mark as Former):not(:contains(Merge)):not(:contains(Make Current Again))`,
        },
        {
            content: "Unselect it",
            trigger: ".o_data_row:contains(Azure Screens) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the contact",
            trigger: ".o_list_view:not(:has(.o_data_row_selected)) .o_data_row:contains(Azure Screens) td[name=complete_name]",
            run: "click",
        },
        {trigger: ".o_form_view:not(:has(.o_form_statusbar))"},
        {trigger: GEAR, run: "click"},
        {
            content: "Request Deletion, no Move History",
            trigger: `${MENU}:contains(Request Deletion):not(:contains(Move History))`,
        },
        {trigger: GEAR, run: "click"},
        {
            content: "Open the CRM tab",
            trigger: ".o_form_view .o_notebook a[name=crm_retention_crm]",
            run: "click",
        },
        {
            content: "Current traits first, ended ones greyed with who, when and why",
            trigger: ".o_field_widget[name=crm_retention_trait_history_ids] .o_data_row.text-muted:contains(Moved abroad)",
        },
        screenshot("crm_tab", ".o_form_view .o_notebook"),
    ],
});
