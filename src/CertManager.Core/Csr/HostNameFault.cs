namespace CertManager.Core.Csr;

/// <summary>Why a DNS name was refused; each becomes part of a stable problem code (<see cref="CsrErrors.HostName"/>).</summary>
internal enum HostNameFault
{
    Whitespace,
    Url,
    Port,
    TrailingDot,
    EmptyLabel,
    LabelTooLong,
    NameTooLong,
    InvalidCharacters,
    HyphenAtLabelEdge,
    WildcardMisplaced,
    WildcardTooBroad,
    InternationalNameInvalid,
    IpAddressInvalid,
}
