/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Component} from "@odoo/owl";
import {Dialog} from "@web/core/dialog/dialog";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

/**
 * The refusal to delete contacts or users with history (a UserError on the
 * server, models/history_guard.py): its text, and the ways out that apply
 * to these records and this user, each a button calling a method of their
 * model.
 */
export class HistoryGuardDialog extends Component {
    static template = "crm_retention.HistoryGuardDialog";
    static components = {Dialog};
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        const guard = this.props.data.context.crm_retention_guard;
        this.title = guard.title;
        this.buttons = guard.buttons;
        this.model = guard.model;
        this.message = this.props.data.arguments[0];
    }

    async onClick(button) {
        const result = await this.orm.call(this.model, button.method, [button.ids]);
        this.props.close();
        const reload = () => this.action.doAction({type: "ir.actions.client", tag: "soft_reload"});
        if (result && typeof result === "object" && result.type) {
            await this.action.doAction(result, {onClose: reload});
        } else {
            await reload();
        }
    }
}

registry
    .category("error_dialogs")
    .add("odoo.addons.crm_retention.models.history_guard.HistoryGuardError", HistoryGuardDialog);
