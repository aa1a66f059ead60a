# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import base_partner_merge_automatic_wizard
from . import crm_retention_mark_former
from . import crm_retention_move_history
from . import crm_retention_trait_wizard
from . import crm_retention_offboard_user
from . import crm_retention_erase
from . import crm_retention_deletion_request_wizard
