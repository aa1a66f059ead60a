/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_retention_dashboard_tour", {
    steps: () => [
        {
            content: "Open the retention dashboard",
            trigger: ".o_search_panel_category_value:contains(Retention)",
            run: "click",
        },
        {
            trigger: ".o_search_panel_category_value.active:contains(Retention)",
        },
        {
            content: "Its charts are drawn",
            trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet .o-figure canvas",
        },
        {
            content: "No error: neither a dialog nor a failed dashboard",
            trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet",
            run() {
                const error = document.querySelector(
                    ".o_error_dialog, .dashboard-loading-status.error"
                );
                if (error) {
                    throw new Error(`The dashboard failed: ${error.textContent}`);
                }
            },
        },
    ],
});
