"""Random and TLS resources computed from their inputs, as the providers compute them."""

from __future__ import annotations

import base64
import datetime
import hashlib
import string

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from agent.engines.local.random_values import DEFAULT_SPECIALS, length_problem, random_id, random_string
from agent.engines.local.tls_values import cert_request, locally_signed_cert, private_key, self_signed_cert

CLASSES = {"upper": string.ascii_uppercase, "lower": string.ascii_lowercase, "numeric": string.digits}


# ---- random ------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32).map(str),
    flags=st.fixed_dictionaries({flag: st.booleans() for flag in ("upper", "lower", "numeric", "special")}),
    minimums=st.fixed_dictionaries({key: st.integers(0, 4) for key in ("minUpper", "minLower", "minNumeric", "minSpecial")}),
    extra=st.integers(0, 40),
    override=st.one_of(st.none(), st.text(alphabet="!#$%&*-_=+.:~^", min_size=1, max_size=5)),
)
def test_a_random_string_respects_length_classes_specials_and_minimums(seed, flags, minimums, extra, override):
    assume(any(flags.values()))  # with every class off the provider has nothing to draw the rest from
    inputs = {**flags, **minimums, "length": sum(minimums.values()) + extra + 1}
    if override:
        inputs["overrideSpecial"] = override
    specials = override or DEFAULT_SPECIALS
    drawn = random_string(seed, inputs)
    assert len(drawn) == inputs["length"]
    assert drawn == random_string(seed, inputs)  # one resource draws one value
    counts = {flag: sum(c in chars for c in drawn) for flag, chars in {**CLASSES, "special": specials}.items()}
    for flag, count in counts.items():
        assert count >= minimums["min" + flag.title()]
    allowed = "".join(chars for flag, chars in {**CLASSES, "special": specials}.items() if flags[flag] or minimums["min" + flag.title()])
    assert set(drawn) <= set(allowed)


def test_number_false_is_numeric_false_and_the_default_specials_are_the_providers():
    assert not any(c.isdigit() for c in random_string("s", {"length": 200, "number": False}))
    drawn = random_string("s", {"length": 400})
    assert set(drawn) - set(string.ascii_letters + string.digits) <= set(DEFAULT_SPECIALS) and set(drawn) & set(DEFAULT_SPECIALS)


def test_a_length_below_the_minimums_is_refused_with_the_providers_text():
    assert length_problem({"length": 8, "minUpper": 2, "minSpecial": 2}) is None
    assert length_problem({"length": 3, "minUpper": 2, "minSpecial": 2}) == (
        "Attribute length value must be at least sum of min_upper + min_lower + min_numeric + min_special, got: 3"
    )
    assert length_problem({"length": 0}) == "Attribute length value must be at least 1, got: 0"


def test_a_random_id_has_its_byte_length_in_every_encoding():
    state = random_id({"byteLength": 6, "prefix": "p-"}, "seed")
    raw = bytes.fromhex(state["hex"].removeprefix("p-"))
    assert len(raw) == 6 and state["dec"] == "p-" + str(int.from_bytes(raw, "big"))
    assert base64.urlsafe_b64decode(state["id"] + "==") == raw and state["b64Url"] == "p-" + state["id"]
    assert base64.b64decode(state["b64Std"].removeprefix("p-")) == raw


# ---- tls ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("inputs", "key_type", "header", "ssh_prefix"),
    [
        ({"algorithm": "RSA", "rsaBits": 1024}, rsa.RSAPrivateKey, "RSA PRIVATE KEY", "ssh-rsa "),
        ({"algorithm": "ECDSA", "ecdsaCurve": "P384"}, ec.EllipticCurvePrivateKey, "EC PRIVATE KEY", "ecdsa-sha2-nistp384 "),
        ({"algorithm": "ED25519"}, ed25519.Ed25519PrivateKey, "PRIVATE KEY", "ssh-ed25519 "),
    ],
)
def test_a_private_key_is_a_real_key_of_the_algorithm_in_every_format(inputs, key_type, header, ssh_prefix):
    state = private_key(inputs, "seed-" + inputs["algorithm"])
    key = serialization.load_pem_private_key(state["privateKeyPem"].encode(), password=None)
    assert isinstance(key, key_type) and state["privateKeyPem"].startswith(f"-----BEGIN {header}-----")
    assert isinstance(serialization.load_pem_private_key(state["privateKeyPemPkcs8"].encode(), password=None), key_type)
    assert isinstance(serialization.load_ssh_private_key(state["privateKeyOpenssh"].encode(), password=None), key_type)
    public = serialization.load_pem_public_key(state["publicKeyPem"].encode())
    assert public == key.public_key() == serialization.load_ssh_public_key(state["publicKeyOpenssh"].encode())
    assert state["publicKeyOpenssh"].startswith(ssh_prefix) and state["publicKeyOpenssh"].endswith("\n")
    wire = base64.b64decode(state["publicKeyOpenssh"].split()[1])
    assert state["publicKeyFingerprintSha256"] == "SHA256:" + base64.b64encode(hashlib.sha256(wire).digest()).decode().rstrip("=")
    assert state["publicKeyFingerprintMd5"] == ":".join(f"{b:02x}" for b in hashlib.md5(wire, usedforsecurity=False).digest())
    if key_type is rsa.RSAPrivateKey:
        assert key.key_size == 1024
    if key_type is ec.EllipticCurvePrivateKey:
        assert key.curve.name == "secp384r1"


def test_an_ecdsa_key_defaults_to_p224_which_openssh_lacks():
    state = private_key({"algorithm": "ECDSA"}, "seed")
    assert serialization.load_pem_private_key(state["privateKeyPem"].encode(), password=None).curve.name == "secp224r1"
    assert state["publicKeyOpenssh"] == "" and state["privateKeyOpenssh"] == ""


def _ca():
    key = private_key({"algorithm": "ECDSA", "ecdsaCurve": "P256"}, "ca")
    inputs = {
        "privateKeyPem": key["privateKeyPem"],
        "subject": {"commonName": "Example CA", "organization": "Example"},
        "validityPeriodHours": 48,
        "isCaCertificate": True,
        "allowedUses": ["cert_signing", "crl_signing"],
    }
    return key, self_signed_cert(inputs, "ca-cert")


def test_a_self_signed_cert_is_the_subjects_certificate_signed_by_its_key():
    key = private_key({"algorithm": "RSA", "rsaBits": 1024}, "web")
    inputs = {
        "privateKeyPem": key["privateKeyPem"],
        "subject": {"commonName": "example.com", "organization": "Example Ltd"},
        "dnsNames": ["example.com", "www.example.com"],
        "validityPeriodHours": 12,
        "allowedUses": ["key_encipherment", "digital_signature", "server_auth"],
    }
    state = self_signed_cert(inputs, "web-cert")
    cert = x509.load_pem_x509_certificate(state["certPem"].encode())
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "example.com" and cert.issuer == cert.subject
    assert cert.public_key() == serialization.load_pem_public_key(key["publicKeyPem"].encode())
    cert.verify_directly_issued_by(cert)
    assert cert.not_valid_after_utc - cert.not_valid_before_utc == datetime.timedelta(hours=12)
    assert cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(x509.DNSName) == [
        "example.com",
        "www.example.com",
    ]
    assert ExtendedKeyUsageOID.SERVER_AUTH in cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_encipherment
    assert state["keyAlgorithm"] == "RSA" and state["id"] == str(cert.serial_number)


def test_a_cert_request_and_a_locally_signed_cert_chain_to_the_ca():
    ca_key, ca_cert = _ca()
    leaf_key = private_key({"algorithm": "ED25519"}, "leaf")
    request = cert_request(
        {"privateKeyPem": leaf_key["privateKeyPem"], "subject": {"commonName": "api.internal"}, "dnsNames": ["api.internal"]}, "csr"
    )
    csr = x509.load_pem_x509_csr(request["certRequestPem"].encode())
    assert csr.is_signature_valid and request["keyAlgorithm"] == "ED25519"
    signed = locally_signed_cert(
        {
            "certRequestPem": request["certRequestPem"],
            "caPrivateKeyPem": ca_key["privateKeyPem"],
            "caCertPem": ca_cert["certPem"],
            "validityPeriodHours": 24,
            "allowedUses": ["client_auth"],
        },
        "leaf-cert",
    )
    cert = x509.load_pem_x509_certificate(signed["certPem"].encode())
    ca = x509.load_pem_x509_certificate(ca_cert["certPem"].encode())
    cert.verify_directly_issued_by(ca)
    assert cert.subject == csr.subject and cert.public_key() == csr.public_key()
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca and signed["caKeyAlgorithm"] == "ECDSA"


def test_unknown_inputs_in_preview_still_give_parseable_values():
    unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
    cert = self_signed_cert({"privateKeyPem": unknown, "subject": {"commonName": unknown}, "validityPeriodHours": 1}, "p")
    assert x509.load_pem_x509_certificate(cert["certPem"].encode())
    signed = locally_signed_cert({"certRequestPem": unknown, "caPrivateKeyPem": unknown, "caCertPem": unknown}, "p")
    assert x509.load_pem_x509_certificate(signed["certPem"].encode())
