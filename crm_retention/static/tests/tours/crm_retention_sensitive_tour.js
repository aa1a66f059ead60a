/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// What every form of the hidden email and phone contains (see
// tests/test_security_sensitive.py, MARKERS).
const MARKERS = ["vrolijk", "123 987 65", "12398765"];

const NO_VISIBLE_VALUE = MARKERS.map((marker) => `:not(:contains(${marker}))`).join("");
const NO_ERROR = ":not(:has(.o_error_dialog)):not(:has(.modal .o_error_detail))";

/**
 * A step that fails when an error dialog shows, or when a hidden value is
 * in the page: in its text, or anywhere in its HTML (attributes such as a
 * title or an href, invisible elements).
 */
function checkNothingLeaks(where) {
    return {
        content: `${where}: no error dialog, no hidden email or phone in the page`,
        trigger: `body${NO_ERROR}${NO_VISIBLE_VALUE}`,
        run() {
            const html = document.body.outerHTML.toLowerCase();
            const found = MARKERS.filter((marker) => html.includes(marker));
            if (found.length) {
                throw new Error(`${where}: the page holds hidden values (${found.join(", ")})`);
            }
        },
    };
}

registry.category("web_tour.tours").add("crm_retention_sensitive_tour", {
    steps: () => [
        {
            content: "The pipeline shows",
            trigger: ".o_kanban_view.o_opportunity_kanban .o_kanban_renderer",
        },
        {
            content: "Search the opportunities of the customer by name",
            trigger: ".o_searchview_input",
            run: "edit Anna Customer",
        },
        {
            trigger: ".o_searchview_autocomplete .o_menu_item",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "The search is applied",
            trigger: ".o_searchview .o_facet_values:contains(Anna Customer)",
        },
        {
            content: "Open the customer's opportunity",
            trigger: ".o_kanban_record:contains(renewal)",
            run: "click",
        },
        {
            content: "The form shows the customer, without the hidden email and phone",
            trigger:
                ".o_form_view .o_field_widget[name=partner_id] input:value(Anna Customer)",
        },
        {
            trigger:
                ".o_form_view:has(.o_field_widget[name=expected_revenue]):not(:has(.o_field_widget[name=email_from])):not(:has(.o_field_widget[name=phone]))",
        },
        checkNothingLeaks("The opportunity's form"),
        {
            content: "Edit the expected revenue",
            trigger: ".o_form_view .o_field_widget[name=expected_revenue] input",
            run: "edit 4500",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
        checkNothingLeaks("The saved opportunity"),
        {
            content: "Schedule an activity from the chatter",
            trigger: ".o-mail-Chatter-topbar button.o-mail-Chatter-activity",
            run: "click",
        },
        {
            content: "The activity dialog shows",
            trigger: ".modal .o_field_widget[name=activity_type_id] input",
            run: "edit To-Do",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(To-Do)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=activity_type_id] input:value(To-Do)",
        },
        {
            trigger: ".modal .o_field_widget[name=summary] input",
            run: "edit Call Anna about the renewal",
        },
        {
            content: "Schedule it",
            trigger: ".modal .modal-footer button[name=action_schedule_activities]",
            run: "click",
        },
        {
            content: "The dialog closes, the activity shows in the chatter",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Mark the activity done",
            trigger: ".o-mail-Activity:contains(Call Anna about the renewal) .o-mail-Activity-markDone",
            run: "click",
        },
        {
            content: "Write a feedback",
            trigger: ".o-mail-ActivityMarkAsDone textarea",
            run: "edit Anna agrees",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label=Done]",
            run: "click",
        },
        {
            content: "The done activity is logged",
            trigger: ".o-mail-Message:contains(Anna agrees)",
        },
        {
            trigger: ".o-mail-Chatter:not(:has(.o-mail-Activity))",
        },
        checkNothingLeaks("The chatter after the activity"),
        {
            content: "Send a message to the customer",
            trigger: ".o-mail-Chatter-topbar button.o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "The customer is a recipient, by name",
            trigger:
                ".o-mail-Chatter .o-mail-SuggestedRecipient:contains(Anna Customer) input:checked",
        },
        checkNothingLeaks("The composer"),
        {
            trigger: ".o-mail-Chatter .o-mail-Composer-input",
            run: "edit Dear Anna, here is your renewal offer.",
        },
        {
            trigger: ".o-mail-Chatter .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The message is in the chatter",
            trigger: ".o-mail-Message-body:contains(here is your renewal offer)",
        },
        checkNothingLeaks("The chatter after the message"),
        {
            content: "Mark the opportunity won",
            trigger: ".o_form_view .o_form_statusbar button[name=action_set_won_rainbowman]",
            run: "click",
        },
        {
            content: "The Won ribbon shows",
            trigger: ".o_form_view .ribbon:contains(Won)",
        },
        checkNothingLeaks("The won opportunity"),
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Contacts",
            trigger: ".o_app[data-menu-xmlid='contacts.menu_contacts']",
            run: "click",
        },
        {
            trigger: ".o_control_panel .o_breadcrumb:contains(Contacts)",
        },
        {
            content: "Search the customer by name",
            trigger: ".o_searchview_input",
            run: "edit Anna",
        },
        {
            trigger: ".o_searchview_autocomplete .o_menu_item",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            trigger: ".o_searchview .o_facet_values:contains(Anna)",
        },
        {
            content: "The contacts show",
            trigger: ".o_kanban_record:contains(Anna Customer)",
        },
        checkNothingLeaks("The contacts' kanban"),
        {
            content: "Open the company",
            trigger: ".o_kanban_record:contains(Anna Trading):not(:contains(Anna Customer))",
            run: "click",
        },
        {
            content: "The company's form shows, without the hidden email and phone",
            trigger: ".o_control_panel .o_breadcrumb .active:contains(Anna Trading)",
        },
        {
            trigger:
                ".o_form_view:has(.o_field_widget[name=name]):not(:has(.o_field_widget[name=email])):not(:has(.o_field_widget[name=phone]))",
        },
        {
            content: "Its Contacts & Addresses tab shows the child's card",
            trigger: ".o_form_view .o_notebook a.nav-link[name=contact_addresses]",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_field_widget[name=child_ids] .o_kanban_record:contains(Anna Customer)",
        },
        checkNothingLeaks("The company's form"),
    ],
});
