# SPDX-License-Identifier: GPL-2.0
"""PASS and FAIL lines for the python halves of the selftests, as lib.sh's
pass and fail print them. lib.sh puts this folder on PYTHONPATH:

    import checks
    from checks import check
    check(got == want, 'what was checked', f'got {got}')
    sys.exit(1 if checks.failed else 0)
"""
failed = False


def check(cond, what, detail=''):
    """Print "PASS: WHAT" or "FAIL: WHAT (DETAIL)"; remember a failure.
    Return cond."""
    global failed
    print(('PASS: ' if cond else 'FAIL: ') + what +
          ('' if cond or not detail else f' ({detail})'), flush=True)
    failed |= not cond
    return cond
