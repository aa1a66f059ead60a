/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

const openCogMenu = {
    content: "Open the actions menu",
    trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
    run: "click",
};

registry.category("web_tour.tours").add("crm_retention_export_hidden_tour", {
    steps: () => [
        {
            content: "The contacts list is shown",
            trigger: ".o_data_row:contains(Export Tour Customer)",
        },
        openCogMenu,
        {
            content: "Without a selection: no 'Export All'",
            trigger: ".o-dropdown--menu:not(:has(.o_export_all_menu)):not(:contains(Export All))",
        },
        {
            content: "Close the menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Select the customer",
            trigger: ".o_data_row:contains(Export Tour Customer) .o_list_record_selector input",
            run: "click",
        },
        openCogMenu,
        {
            content: "The actions offer Archive, not Export",
            trigger: ".o-dropdown--menu:contains(Archive):not(:contains(Export))",
        },
    ],
});

registry.category("web_tour.tours").add("crm_retention_export_shown_tour", {
    steps: () => [
        {
            content: "The tags list is shown",
            trigger: ".o_data_row:contains(Export Tour Tag)",
        },
        openCogMenu,
        {
            content: "Without a selection: 'Export All'",
            trigger: ".o-dropdown--menu:contains(Export All)",
        },
        {
            content: "Close the menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Select the tag",
            trigger: ".o_data_row:contains(Export Tour Tag) .o_list_record_selector input",
            run: "click",
        },
        openCogMenu,
        {
            content: "The actions offer Export",
            trigger: ".o-dropdown--menu:contains(Export)",
        },
    ],
});
