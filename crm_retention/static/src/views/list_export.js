/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {ListController} from "@web/views/list/list_controller";
import {exportAllItem} from "@web/views/list/export_all/export_all";
import {patch} from "@web/core/utils/patch";
import {session} from "@web/session";

/**
 * 'Only Data Managers Export': the server gives, in the session, the models
 * the user may not export (it refuses their export anyway). Their lists
 * offer neither 'Export' (selected records) nor 'Export All'.
 *
 * @param {String} resModel
 * @returns {Boolean}
 */
export function isExportBlocked(resModel) {
    return (session.crm_retention_export_blocked_models || []).includes(resModel);
}

patch(ListController.prototype, {
    getStaticActionMenuItems() {
        const items = super.getStaticActionMenuItems(...arguments);
        const isAvailable = items.export.isAvailable;
        items.export.isAvailable = () =>
            !isExportBlocked(this.props.resModel) && isAvailable();
        return items;
    },
});

// The cog menu's registry holds this very object: patching it is enough.
patch(exportAllItem, {
    async isDisplayed(env) {
        return (
            !isExportBlocked(env.searchModel.resModel) && (await super.isDisplayed(env))
        );
    },
});
