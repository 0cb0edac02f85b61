"""The Pingback 1.0 XML-RPC codec: ``pingback.ping(source, target)`` in and out.

Requests are parsed with defusedxml: a DTD, an entity declaration (the
"billion laughs" bomb) or an external entity is refused before anything is
expanded. Only what a ping needs is understood: a ``methodCall`` with a
``methodName`` and string parameters.

Fault codes come from the Pingback 1.0 specification, and the standard
XML-RPC interoperability codes for requests that are not XML-RPC at all.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

# Pingback 1.0.
GENERIC = 0
SOURCE_MISSING = 0x10          # 16: the source URI does not exist
SOURCE_HAS_NO_LINK = 0x11      # 17: the source does not contain a link to the target
TARGET_MISSING = 0x20          # 32: the target URI does not exist
TARGET_NOT_PINGABLE = 0x21     # 33: the target cannot be used as a target
ALREADY_REGISTERED = 0x30      # 48: the pingback has already been registered
ACCESS_DENIED = 0x31           # 49
UPSTREAM = 0x32                # 50: could not communicate with an upstream server
# XML-RPC interoperability (specs.xmlrpc.com "fault code interoperability").
PARSE_ERROR = -32700
NOT_XMLRPC = -32600
NO_SUCH_METHOD = -32601
BAD_PARAMS = -32602

METHOD = "pingback.ping"


class Fault(Exception):
    """An XML-RPC fault: ``code`` and a one-line ``message``."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def parse_call(body: bytes) -> tuple[str, list[str]]:
    """The method name and string parameters of an XML-RPC ``methodCall``; Fault when it is not one."""
    import defusedxml.ElementTree as ET
    from defusedxml import DefusedXmlException

    try:
        root = ET.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise Fault(PARSE_ERROR, "the request holds a DTD or entity declarations, which are not accepted") from None
    except ET.ParseError as exc:
        raise Fault(PARSE_ERROR, f"the request is not well-formed XML ({exc})") from None
    if root.tag != "methodCall":
        raise Fault(NOT_XMLRPC, f"expected an XML-RPC <methodCall>, not <{root.tag}>")
    name_el = root.find("methodName")
    name = (name_el.text or "").strip() if name_el is not None else ""
    if not name:
        raise Fault(NOT_XMLRPC, "the <methodCall> has no <methodName>")
    params = []
    for value in root.findall("params/param/value"):
        params.append(_string(value))
    return name, params


def _string(value) -> str:
    children = list(value)
    if not children:
        return value.text or ""
    if len(children) == 1 and children[0].tag == "string":
        return children[0].text or ""
    raise Fault(BAD_PARAMS, f"pingback.ping takes two strings, not <{children[0].tag}>")


def response(value: str) -> bytes:
    """A ``methodResponse`` returning the string ``value``."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><params><param><value><string>'
            f"{escape(value)}</string></value></param></params></methodResponse>\n").encode("utf-8")


def fault(code: int, message: str) -> bytes:
    """A ``methodResponse`` carrying a fault."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><fault><value><struct>'
            f"<member><name>faultCode</name><value><int>{int(code)}</int></value></member>"
            f"<member><name>faultString</name><value><string>{escape(message)}</string></value></member>"
            "</struct></value></fault></methodResponse>\n").encode("utf-8")


def call(method: str, *params: str) -> bytes:
    """A ``methodCall`` with string parameters (what a pingback sender posts)."""
    args = "".join(f"<param><value><string>{escape(p)}</string></value></param>" for p in params)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<methodCall><methodName>{escape(method)}</methodName>'
            f"<params>{args}</params></methodCall>\n").encode("utf-8")


def parse_response(body: bytes) -> str:
    """The string a ``methodResponse`` returns; Fault for a fault or anything unreadable."""
    import defusedxml.ElementTree as ET
    from defusedxml import DefusedXmlException

    try:
        root = ET.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ET.ParseError) as exc:
        raise Fault(PARSE_ERROR, f"the answer is not XML-RPC ({type(exc).__name__})") from None
    if root.tag != "methodResponse":
        raise Fault(NOT_XMLRPC, f"the answer is <{root.tag}>, not an XML-RPC <methodResponse>")
    fault_el = root.find("fault/value/struct")
    if fault_el is not None:
        code, message = GENERIC, ""
        for member in fault_el.findall("member"):
            name = (member.findtext("name") or "").strip()
            value = member.find("value")
            text = "".join(value.itertext()).strip() if value is not None else ""
            if name == "faultCode":
                try:
                    code = int(text)
                except ValueError:
                    code = GENERIC
            elif name == "faultString":
                message = text
        raise Fault(code, message or "no message")
    value = root.find("params/param/value")
    if value is None:
        raise Fault(NOT_XMLRPC, "the answer has neither a value nor a fault")
    return "".join(value.itertext()).strip()
