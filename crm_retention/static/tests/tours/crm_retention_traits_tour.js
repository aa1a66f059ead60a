/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

const TRAITS = ".o_field_widget[name=crm_retention_trait_history_ids]";

registry.category("web_tour.tours").add("crm_retention_traits_tour", {
    steps: () => [
        {
            content: "Open the CRM tab",
            trigger: ".o_form_view .o_notebook a[name=crm_retention_crm]",
            run: "click",
        },
        {
            content: "Add a trait",
            trigger: ".o_form_view button[name=action_crm_retention_add_traits]",
            run: "click",
        },
        {
            content: "Pick the trait",
            trigger: ".modal .o_field_widget[name=trait_ids] input",
            run: "edit Tour Trait",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Trait)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=trait_ids] .o_tag:contains(Tour Trait)",
        },
        {
            content: "One field to pick (and an optional end date), not the bulk wizard",
            trigger: ".modal:not(:has(.o_field_widget[name=partner_ids])):has(.o_field_widget[name=date_end])",
        },
        {
            content: "Add",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The trait is on the tab",
            trigger: `${TRAITS} .o_data_row:contains(Tour Trait)`,
        },
        {
            content: "Remove it",
            trigger: `${TRAITS} .o_data_row:contains(Tour Trait) button[name=action_crm_retention_open_remove]`,
            run: "click",
        },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name=reason] input",
            run: "edit Withdrew consent by phone",
        },
        {
            content: "Remove",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The ended line stays, greyed, with why",
            trigger: `${TRAITS} .o_data_row.text-muted:contains(Tour Trait):contains(Withdrew consent by phone):not(:has(button[name=action_crm_retention_open_remove]))`,
        },
        {
            content: "The chatter notes it",
            trigger: ".o-mail-Message:contains(CRM trait removed: Tour Trait. Why: Withdrew consent by phone)",
        },
    ],
});
