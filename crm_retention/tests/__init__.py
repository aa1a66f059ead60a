# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_access
from . import test_concurrency
from . import test_activity_history
from . import test_deletion_request
from . import test_deletion_request_ui
from . import test_demo
from . import test_erasure
from . import test_erasure_ui
from . import test_export
from . import test_former
from . import test_i18n
from . import test_install
from . import test_move_history
from . import test_offboarding
from . import test_offboarding_migration
from . import test_recycle_bin
from . import test_rpc_input
from . import test_screens
from . import test_security
from . import test_security_sensitive_ui
from . import test_traits
from . import test_traits_server_action
from . import test_ui
from . import test_unlink_guard
from . import test_xmlrpc
