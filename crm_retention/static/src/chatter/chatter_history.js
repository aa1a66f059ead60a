/** @odoo-module **/
/* Copyright 2026 crm_retention contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Chatter} from "@mail/chatter/web_portal/chatter";
import {patch} from "@web/core/utils/patch";

/**
 * An activity marked as done or cancelled in the chatter goes to the
 * record's activity history: reload the record so that its 'Activity
 * History' smart button counts it at once.
 */
patch(Chatter.prototype, {
    onActivityChanged(thread) {
        super.onActivityChanged(...arguments);
        if (this.props.webRecord && "activity_history_count" in this.props.webRecord.data) {
            this.reloadParentView();
        }
    },
});
