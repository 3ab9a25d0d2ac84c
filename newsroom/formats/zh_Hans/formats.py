"""Date formats of the site's language that differ from Django's own for zh-hans.

A moment (a submission, a step, a save) is shown as the admin's own lists and logs show it,
"2026-12-08 08:30", wherever Django formats one itself (read-only fields, list columns); dates
(an edition's) keep Django's "2026年12月8日".
"""

DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
