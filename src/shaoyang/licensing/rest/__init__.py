"""The one REST layer of the add-on: the base class every service of ours derives from
(``rest/service.py``) and the JSON shape of validation errors (``rest/errors.py``)."""
