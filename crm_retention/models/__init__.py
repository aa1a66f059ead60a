# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import base
from . import crm_retention_former_reason
from . import crm_retention_definition_mixin
from . import crm_retention_trait
from . import crm_retention_dossier_action
from . import crm_retention_assignment_mixin
from . import crm_retention_trait_assignment
from . import crm_retention_dossier_action_assignment
from . import crm_retention_dossier_report
from . import res_partner
from . import mail_activity
from . import mail_activity_mixin
from . import mail_thread
from . import mail_activity_type
from . import res_users
from . import crm_lead
from . import crm_team
from . import ir_model_access
from . import ir_model_fields
from . import ir_actions_server
from . import crm_retention_deletion_log
from . import crm_retention_erasure
from . import res_users_deletion
from . import res_config_settings
from . import crm_retention_offboarding
from . import crm_retention_inactive_work
