/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Component} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {standardFieldProps} from "@web/views/fields/standard_field_props";
import {SelectCreateDialog} from "@web/views/view_dialogs/select_create_dialog";

/**
 * A count of what the departing user owns, in the offboarding wizard: a
 * link that lists the records it counts, in a dialog above the wizard (the
 * server says which: crm.retention.offboard.user.crm_retention_counted).
 */
export class CountedRecordsField extends Component {
    static template = "crm_retention.CountedRecordsField";
    static props = {...standardFieldProps, category: String};

    setup() {
        this.orm = useService("orm");
        this.dialog = useService("dialog");
    }

    get value() {
        return this.props.record.data[this.props.name];
    }

    async onClick() {
        const user = this.props.record.data.user_id;
        const userId = user && (user.id ?? user[0]);
        const counted = await this.orm.call(
            "crm.retention.offboard.user",
            "crm_retention_counted",
            [userId, this.props.category]
        );
        this.dialog.add(SelectCreateDialog, {
            resModel: counted.res_model,
            domain: counted.domain,
            context: {active_test: false},
            title: counted.name,
            noCreate: true,
            onSelected: () => {},
        });
    }
}

registry.category("fields").add("crm_retention_counted", {
    component: CountedRecordsField,
    supportedTypes: ["integer"],
    extractProps: ({options}) => ({category: options.category}),
});
