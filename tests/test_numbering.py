"""Numbering counters must conflict, never merge: two writers may not take the same number."""

from shaoyang.licensing.case.numbering import Counter
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

import pytest
import transaction
import ZODB


def test_concurrent_takes_of_one_counter_conflict(tmp_path):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        tm1, tm2 = transaction.TransactionManager(), transaction.TransactionManager()
        c1, c2 = db.open(transaction_manager=tm1), db.open(transaction_manager=tm2)
        c1.root()["counter"] = Counter()
        tm1.commit()
        tm2.begin()
        c2.root()["counter"]  # the second writer has read the counter too
        for connection, tm in ((c1, tm1), (c2, tm2)):
            connection.root()["counter"].value += 1
        tm1.commit()
        with pytest.raises(ConflictError):
            tm2.commit()  # a merge here would hand out number 1 twice
        tm2.abort()
        tm2.begin()
        c2.root()["counter"].value += 1  # the retry takes the next number
        tm2.commit()
        assert c2.root()["counter"].value == 2
    finally:
        db.close()
