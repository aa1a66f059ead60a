/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {FormController} from "@web/views/form/form_controller";
import {ListController} from "@web/views/list/list_controller";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";

/**
 * The contact actions of the addon, in the gear menu of the contact form
 * and list, offered only where they apply: 'Mark as Former' on current
 * contacts, 'Make Current Again' on former ones, 'Move History To…' to
 * Data Managers (crm_retention_is_data_manager, computed by the server); 'Request
 * Deletion' to the others, on a contact not yet requested. The
 * server refuses them anyway where they do not apply.
 */
const SEQUENCE = 50;

async function runPartnerMethod(env, method, resIds, context, reload) {
    const result = await env.services.orm.call("res.partner", method, [resIds], {context});
    if (result && typeof result === "object" && result.type) {
        await env.services.action.doAction(result, {onClose: reload});
    } else {
        await reload();
    }
}

function partnerItems(records, run, {inForm}) {
    const data = records.map((record) => record.data);
    return {
        crm_retention_mark_former: {
            isAvailable: () => data.some((values) => !values.is_former),
            sequence: SEQUENCE,
            icon: "fa fa-user-times",
            description: _t("Mark as Former"),
            callback: () => run("action_mark_former"),
        },
        crm_retention_make_current: {
            isAvailable: () =>
                data.some((values) => values.is_former && !values.is_erased),
            sequence: SEQUENCE + 1,
            icon: "fa fa-user-plus",
            description: _t("Make Current Again"),
            callback: () => run("action_make_current"),
        },
        crm_retention_move_history: {
            isAvailable: () =>
                inForm &&
                data.length === 1 &&
                Boolean(data[0].crm_retention_is_data_manager),
            sequence: SEQUENCE + 2,
            icon: "fa fa-exchange",
            description: _t("Move History To…"),
            callback: () => run("action_move_history"),
        },
        crm_retention_request_deletion: {
            isAvailable: () =>
                inForm &&
                data.length === 1 &&
                !data[0].crm_retention_is_data_manager &&
                !data[0].deletion_requested,
            sequence: SEQUENCE + 3,
            icon: "fa fa-trash-o",
            description: _t("Request Deletion"),
            callback: () => run("action_open_request_deletion"),
        },
    };
}

patch(FormController.prototype, {
    getStaticActionMenuItems() {
        const items = super.getStaticActionMenuItems(...arguments);
        const record = this.model.root;
        if (this.props.resModel !== "res.partner" || record.isNew) {
            return items;
        }
        const run = (method) =>
            runPartnerMethod(this.env, method, [record.resId], this.props.context, () =>
                record.load()
            );
        return {...items, ...partnerItems([record], run, {inForm: true})};
    },
});

patch(ListController.prototype, {
    getStaticActionMenuItems() {
        const items = super.getStaticActionMenuItems(...arguments);
        if (this.props.resModel !== "res.partner") {
            return items;
        }
        const selection = this.model.root.selection;
        const run = async (method) => {
            const resIds = await this.model.root.getResIds(true);
            await runPartnerMethod(this.env, method, resIds, this.props.context, () =>
                this.model.load()
            );
        };
        return {...items, ...partnerItems(selection, run, {inForm: false})};
    },
});
