"""Hypothesis strategies for what an attacker or a broken client sends."""

from hypothesis import strategies as st

# Payloads that have hurt web applications: markup, SQL, template syntax, spreadsheet
# formulas, path tricks, numbers that are not numbers, and very long or odd Unicode.
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "'; DROP TABLE wagtailcore_page; --",
    "' OR '1'='1",
    "1 UNION SELECT password FROM auth_user",
    '=HYPERLINK("http://evil.example","klicka")',
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "../../../../etc/passwd",
    "%00",
    "%2e%2e%2f",
    "\x00",
    "\r\nSet-Cookie: x=1",
    "NaN",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "0x7fffffff",
    "[]",
    "{}",
    "null",
    "true",
    "\u202egnp.exe",
    "Å" * 5000,
    "😀" * 300,
    "a" * 70_000,
]

control_text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), max_size=40)
unicode_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
payload = st.sampled_from(PAYLOADS)
mixed = st.builds(lambda a, b, c: a + b + c, unicode_text, payload, control_text)

hostile_text = st.one_of(payload, mixed, control_text, unicode_text, st.just(""))

# A form field as a client might send it: a string, several values, or a wrong type.
hostile_value = st.one_of(
    hostile_text,
    st.lists(hostile_text, min_size=2, max_size=3),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def hostile_form(fields):
    """A dict over some of `fields` (missing fields included) plus an unexpected one."""
    return st.fixed_dictionaries(
        {},
        optional={
            **dict.fromkeys(fields, hostile_value),
            "unexpected": hostile_value,
            "csrfmiddlewaretoken": hostile_text,
        },
    )


hostile_path_segment = st.one_of(payload, unicode_text, mixed).map(
    lambda text: text.replace("/", "").replace("?", "").replace("#", "")[:300] or "x"
)
