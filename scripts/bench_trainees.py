#!/usr/bin/env python3
"""The trainees' rush, for scripts/bench-trainees.sh (a benchmark, not a
test): many trainees sign in, answer the survey and check in at once, from
64 client threads on keep-alive connections. Prints Markdown rows and
fails (exit 1) when a target of issue 10 is missed.

Usage: bench_trainees.py URL NAMES_FILE PASSWORD INSTITUTION_COOKIE
"""

import http.client
import json
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

URL, NAMES, PASSWORD, INSTITUTION = sys.argv[1:5]
HOST = urllib.parse.urlparse(URL).netloc
THREADS = 64
local = threading.local()


def conn():
    if getattr(local, "c", None) is None:
        local.c = http.client.HTTPConnection(HOST, timeout=60)
    return local.c


def request(method, path, body=None, cookie=None, accept="application/json"):
    headers = {"Accept": accept, "Host": HOST}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if cookie:
        headers["Cookie"] = cookie
    for attempt in (0, 1):
        c = conn()
        try:
            t = time.perf_counter()
            c.request(method, path, body=body, headers=headers)
            r = c.getresponse()
            data = r.read()
            return r.status, r.getheader("Location"), r.getheader("Set-Cookie"), data, time.perf_counter() - t
        except (http.client.HTTPException, OSError):
            # A keep-alive connection the server closed: once more, afresh.
            c.close()
            local.c = None
            if attempt:
                raise


def form(pairs):
    return urllib.parse.urlencode(pairs)


def session_of(set_cookie):
    for part in (set_cookie or "").split(","):
        pair = part.strip().split(";")[0]
        if pair.startswith("gaoyan_session="):
            return pair
    return None


def sign_in(name):
    status, _, set_cookie, _, took = request("POST", "/api/login", form({"username": name, "password": PASSWORD}))
    return status, session_of(set_cookie), took


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else 0


def burst(label, work, items, limit_s, expect):
    """Runs `work` over `items` on 64 threads; one Markdown row."""
    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(work, items))
    wall = time.perf_counter() - started
    statuses = [r[0] for r in results]
    took = [r[-1] for r in results]
    good = sum(1 for s in statuses if s in expect)
    server_errors = sum(1 for s in statuses if s >= 500)
    ok = good == len(items) and wall <= limit_s
    print(
        f"| {label} | {len(items)} | {wall:.2f} s (target ≤ {limit_s} s) | "
        f"{percentile(took, 50) * 1000:.0f} ms | {percentile(took, 99) * 1000:.0f} ms | "
        f"{good} | {server_errors} | {'yes' if ok else '**no**'} |"
    )
    return results, ok


def api(endpoint, pairs, cookie):
    status, _, _, data, _ = request("POST", f"/api/{endpoint}", form(pairs), cookie)
    if status != 200:
        raise SystemExit(f"{endpoint}: {status} {data[:200]!r}")
    return json.loads(data)


def main():
    names = [n.strip() for n in open(NAMES, encoding="utf-8") if n.strip()]
    if len(names) < 500:
        raise SystemExit(f"need 500 trainees, have {len(names)}")
    print("| step | requests | all done in | p50 | p99 | answered as expected | 5xx | target met |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    all_ok = True

    # 300 sign-ins at once (argon2 each), then the rest, untimed.
    results, ok = burst("sign-in (`POST /api/login`)", sign_in, names[:300], 15, {200})
    all_ok &= ok
    cookies = [r[1] for r in results]
    with ThreadPoolExecutor(THREADS) as pool:
        cookies += [r[1] for r in pool.map(sign_in, names[300:500])]
    if not all(cookies):
        raise SystemExit("a trainee could not sign in")

    # The survey: everyone answers every item.
    mine = api("my_home", [], cookies[0])
    programme = mine["surveys_due"][0]["programme_id"]
    sheet = api("my_survey", [("programme_id", programme)], cookies[0])
    pairs = [("programme_id", programme)]
    for item in sheet["items"]:
        kind = item["kind"]
        value = {"Score": "4", "Choice": "0"}.get(kind, "现场教学很实用")
        pairs.append((f"answers[{item['key']}]", value))
    body = form(pairs)
    before = api("survey_overview", [("programme_id", programme)], INSTITUTION)["answered"]

    def submit(cookie):
        status, _, _, _, took = request("POST", "/api/submit_survey", body, cookie)
        return status, took

    _, ok = burst("survey answers (`POST /api/submit_survey`)", submit, cookies[:500], 10, {200})
    all_ok &= ok
    # Every phone sends again (a double tap, a retry): nothing more counts.
    _, ok = burst("the same 500 again", submit, cookies[:500], 10, {200})
    all_ok &= ok
    after = api("survey_overview", [("programme_id", programme)], INSTITUTION)["answered"]
    counted = after - before
    print()
    print(f"Answers counted: {counted} for 500 trainees who each sent twice ({before} before, {after} after).")
    all_ok &= counted == 500

    # Check-in: 100 phones open the projected code's link.
    home = api("my_home", [], cookies[0])
    due = home["check_in_due"] or home["today"]
    course = due[0]["course"]["id"]
    code = api("checkin_code", [("course_id", course)], INSTITUTION)
    link = urllib.parse.urlparse(code["link"]).path

    def check_in(cookie):
        status, location, _, _, took = request("GET", link, None, cookie, "text/html")
        good = status == 303 and location is not None and "refused" not in location
        return (303 if good else status or 599), took

    print()
    print("| step | requests | all done in | p50 | p99 | answered as expected | 5xx | target met |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    _, ok = burst("check-in (`GET` the code's link)", check_in, cookies[:100], 5, {303})
    all_ok &= ok
    roster = api("course_roster", [("course_id", course)], INSTITUTION)
    checked = sum(1 for r in roster["rows"] if r.get("at"))
    print()
    print(f"Checked in on the course's roster: {checked} (the 100, and any the demo had).")
    all_ok &= checked >= 100
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
