"""The responsibility chain of a case (审批链): what happens at each step of ``case_workflow``.

Data preconditions with reasons, step parameters, the step form, ``@workflow`` and
``@extension`` over REST, and the subscribers that journal each step. The workflow definitions
themselves (YAML → XML, state groups) are ``workflow/``'s.
"""
