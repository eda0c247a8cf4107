"""What pulumi_tls computes, made for real with `cryptography`: keys of the requested algorithm and
size, certificates and requests for the given subject, names and validity, signed by the given key.

A program hands these to services that parse them (an ACM import, an EC2 key pair, a load
balancer's certificate), so a look-alike PEM would pass where AWS refuses, or be refused where
AWS accepts. Formats follow terraform-provider-tls: `private_key_pem` is PKCS#1 for RSA, SEC 1
for ECDSA and PKCS#8 for ED25519; `public_key_openssh` is an authorized_keys line (none for P224,
which OpenSSH lacks); fingerprints are OpenSSH's (MD5 hex pairs, "SHA256:" unpadded base64).
Keys are cached per resource and parameters, so preview and up of one run see the same key.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import ipaddress
from functools import cache
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CURVES = {"P224": ec.SECP224R1, "P256": ec.SECP256R1, "P384": ec.SECP384R1, "P521": ec.SECP521R1}
MIN_RSA_BITS = 1024  # what `cryptography` generates at least (Go refuses below it too)
SUBJECT_FIELDS = {
    "commonName": NameOID.COMMON_NAME,
    "country": NameOID.COUNTRY_NAME,
    "locality": NameOID.LOCALITY_NAME,
    "organization": NameOID.ORGANIZATION_NAME,
    "organizationalUnit": NameOID.ORGANIZATIONAL_UNIT_NAME,
    "postalCode": NameOID.POSTAL_CODE,
    "province": NameOID.STATE_OR_PROVINCE_NAME,
    "serialNumber": NameOID.SERIAL_NUMBER,
    "emailAddress": NameOID.EMAIL_ADDRESS,
}
# allowed_uses -> x509 KeyUsage flag or extended key usage (terraform-provider-tls internal/provider/types.go)
KEY_USAGES = {
    "digital_signature": "digital_signature",
    "content_commitment": "content_commitment",
    "key_encipherment": "key_encipherment",
    "data_encipherment": "data_encipherment",
    "key_agreement": "key_agreement",
    "cert_signing": "key_cert_sign",
    "crl_signing": "crl_sign",
    "encipher_only": "encipher_only",
    "decipher_only": "decipher_only",
}
EXTENDED_USAGES = {
    "any_extended": ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,
    "server_auth": ExtendedKeyUsageOID.SERVER_AUTH,
    "client_auth": ExtendedKeyUsageOID.CLIENT_AUTH,
    "code_signing": ExtendedKeyUsageOID.CODE_SIGNING,
    "email_protection": ExtendedKeyUsageOID.EMAIL_PROTECTION,
    "ipsec_end_system": ExtendedKeyUsageOID.IPSEC_IKE,
    "ipsec_tunnel": ExtendedKeyUsageOID.IPSEC_IKE,
    "ipsec_user": ExtendedKeyUsageOID.IPSEC_IKE,
    "timestamping": ExtendedKeyUsageOID.TIME_STAMPING,
    "ocsp_signing": ExtendedKeyUsageOID.OCSP_SIGNING,
}
Key = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey


# ---- keys --------------------------------------------------------------------
@cache
def _generated(seed: str, algorithm: str, rsa_bits: int, curve: str) -> Key:
    """A key of the kind asked; ED25519 and ECDSA ones follow from the seed, RSA ones are drawn
    (no deterministic RSA generation exists in `cryptography`) and cached for the run."""
    if algorithm == "ED25519":
        return ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(seed.encode()).digest())
    if algorithm == "ECDSA":
        curve_class = CURVES.get(curve, ec.SECP224R1)
        order_bits = curve_class.key_size
        scalar = int.from_bytes(hashlib.sha512(seed.encode()).digest() * 2, "big") % (2 ** (order_bits - 1)) + 1
        return ec.derive_private_key(scalar, curve_class())
    return rsa.generate_private_key(public_exponent=65537, key_size=max(rsa_bits, MIN_RSA_BITS))


def algorithm_of(key: Any) -> str:
    if isinstance(key, rsa.RSAPrivateKey | rsa.RSAPublicKey):
        return "RSA"
    if isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey):
        return "ECDSA"
    return "ED25519"


def _pem_private(key: Key, fmt: serialization.PrivateFormat) -> str:
    return key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption()).decode()


def _openssh_public(key: Key) -> bytes | None:
    """The key's authorized_keys line, None for a curve OpenSSH lacks (P224)."""
    try:
        return key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    except ValueError:
        return None


def private_key(inputs: dict[str, Any], seed: str) -> dict[str, Any]:
    """A tls.PrivateKey's state: the key in each format the provider exports, with its fingerprints."""
    algorithm = str(inputs.get("algorithm") or "RSA").upper()
    bits = inputs.get("rsaBits")
    key = _generated(seed, algorithm, int(bits) if isinstance(bits, (int, float)) else 2048, str(inputs.get("ecdsaCurve") or "P224"))
    traditional = serialization.PrivateFormat.PKCS8 if algorithm == "ED25519" else serialization.PrivateFormat.TraditionalOpenSSL
    openssh = _openssh_public(key)
    state = {
        "id": hashlib.sha1(
            key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        ).hexdigest(),
        "privateKeyPem": _pem_private(key, traditional),
        "privateKeyPemPkcs8": _pem_private(key, serialization.PrivateFormat.PKCS8),
        "privateKeyOpenssh": _pem_private(key, serialization.PrivateFormat.OpenSSH) if openssh else "",
        "publicKeyPem": key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
        "publicKeyOpenssh": openssh.decode() + "\n" if openssh else "",
        "publicKeyFingerprintMd5": "",
        "publicKeyFingerprintSha256": "",
    }
    if openssh:
        wire = base64.b64decode(openssh.split()[1])
        state["publicKeyFingerprintMd5"] = ":".join(f"{byte:02x}" for byte in hashlib.md5(wire, usedforsecurity=False).digest())
        state["publicKeyFingerprintSha256"] = "SHA256:" + base64.b64encode(hashlib.sha256(wire).digest()).decode().rstrip("=")
    return state


def _key_from(pem: Any, seed: str) -> Key:
    """The private key a PEM input holds; a fresh RSA key for an unknown (preview) or unreadable one."""
    if isinstance(pem, str):
        try:
            return serialization.load_pem_private_key(pem.encode(), password=None)
        except (ValueError, TypeError):
            pass
    return _generated(seed, "RSA", 2048, "")


# ---- certificates and requests -------------------------------------------
def _name(subject: Any) -> x509.Name:
    subject = subject[0] if isinstance(subject, list) and subject else subject
    attributes = []
    for field, oid in SUBJECT_FIELDS.items():
        value = subject.get(field) if isinstance(subject, dict) else None
        if isinstance(value, str) and value:
            attributes.append(x509.NameAttribute(oid, value, _validate=False))  # Go checks no lengths either
    for street in (subject.get("streetAddresses") or []) if isinstance(subject, dict) else []:
        attributes.append(x509.NameAttribute(NameOID.STREET_ADDRESS, str(street)))
    return x509.Name(attributes)


def _alternative_names(inputs: dict[str, Any]) -> list[x509.GeneralName]:
    """The DNS names, IP addresses and URIs given; one that cannot be encoded (an unknown in preview) is left out."""
    makers = {
        "dnsNames": x509.DNSName,
        "ipAddresses": lambda a: x509.IPAddress(ipaddress.ip_address(a)),
        "uris": x509.UniformResourceIdentifier,
    }
    names: list[x509.GeneralName] = []
    for key, make in makers.items():
        for value in inputs.get(key) or []:
            try:
                names.append(make(str(value)))
            except ValueError:
                continue
    return names


def _signature_hash(key: Key) -> hashes.HashAlgorithm | None:
    return None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()


def _usage_extensions(builder: x509.CertificateBuilder, uses: list[str], is_ca: bool) -> x509.CertificateBuilder:
    flags = {flag: False for flag in KEY_USAGES.values()}
    flags.update({KEY_USAGES[use]: True for use in uses if use in KEY_USAGES})
    if any(flags.values()):
        builder = builder.add_extension(x509.KeyUsage(**flags), critical=True)
    extended = list(dict.fromkeys(EXTENDED_USAGES[use] for use in uses if use in EXTENDED_USAGES))
    if extended:
        builder = builder.add_extension(x509.ExtendedKeyUsage(extended), critical=False)
    return builder.add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)


def _certificate(inputs: dict[str, Any], seed: str, subject: x509.Name, public_key: Any, issuer: x509.Name, signer: Key) -> dict[str, Any]:
    hours = inputs.get("validityPeriodHours")
    start = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    end = start + datetime.timedelta(hours=float(hours) if isinstance(hours, (int, float)) else 0)
    serial = int(hashlib.sha256(seed.encode()).hexdigest()[:30], 16)
    builder = x509.CertificateBuilder(
        subject_name=subject, issuer_name=issuer, public_key=public_key, serial_number=serial, not_valid_before=start, not_valid_after=end
    )
    names = _alternative_names(inputs)
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    uses = [str(use) for use in inputs.get("allowedUses") or []]
    builder = _usage_extensions(builder, uses, inputs.get("isCaCertificate") is True)
    certificate = builder.sign(signer, _signature_hash(signer))
    return {
        "id": str(serial),
        "certPem": certificate.public_bytes(serialization.Encoding.PEM).decode(),
        "validityStartTime": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "validityEndTime": end.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "readyForRenewal": False,
    }


def self_signed_cert(inputs: dict[str, Any], seed: str) -> dict[str, Any]:
    """A tls.SelfSignedCert: the subject's certificate for the given key, signed by that key."""
    key = _key_from(inputs.get("privateKeyPem"), seed)
    subject = _name(inputs.get("subject"))
    return {**_certificate(inputs, seed, subject, key.public_key(), subject, key), "keyAlgorithm": algorithm_of(key)}


def cert_request(inputs: dict[str, Any], seed: str) -> dict[str, Any]:
    """A tls.CertRequest: a CSR for the subject and names, signed by the given key."""
    key = _key_from(inputs.get("privateKeyPem"), seed)
    builder = x509.CertificateSigningRequestBuilder().subject_name(_name(inputs.get("subject")))
    names = _alternative_names(inputs)
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    request = builder.sign(key, _signature_hash(key))
    return {
        "id": hashlib.sha1(request.public_bytes(serialization.Encoding.DER)).hexdigest(),
        "certRequestPem": request.public_bytes(serialization.Encoding.PEM).decode(),
        "keyAlgorithm": algorithm_of(key),
    }


def locally_signed_cert(inputs: dict[str, Any], seed: str) -> dict[str, Any]:
    """A tls.LocallySignedCert: the request's subject and key, issued by the CA certificate's
    subject and signed by the CA's key. An unreadable request or CA certificate (an unknown in
    preview) stands in with a request and CA of the resource's own."""
    ca_key = _key_from(inputs.get("caPrivateKeyPem"), seed + "ca")
    request = _load(x509.load_pem_x509_csr, inputs.get("certRequestPem"))
    if request is None:
        request = x509.load_pem_x509_csr(cert_request({}, seed + "request")["certRequestPem"].encode())
    ca_cert = _load(x509.load_pem_x509_certificate, inputs.get("caCertPem"))
    issuer = ca_cert.subject if ca_cert is not None else request.subject
    certificate = _certificate(inputs, seed, request.subject, request.public_key(), issuer, ca_key)
    return {**certificate, "caKeyAlgorithm": algorithm_of(ca_key)}


def _load(loader: Any, pem: Any) -> Any:
    if not isinstance(pem, str):
        return None
    try:
        return loader(pem.encode())
    except ValueError:
        return None
