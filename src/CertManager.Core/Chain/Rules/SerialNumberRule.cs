using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>A serial number that is zero, negative, or longer than 20 octets, on any certificate but the root.</summary>
internal sealed class SerialNumberRule : DoctorRule
{
    private const int MaximumOctets = 20;

    public override RuleMetadata Metadata { get; } = new(
        "cert.serial-number",
        "A serial number is not positive or is longer than 20 octets",
        Severity.Error,
        Severity.Warning,
        "Ask your CA to issue the certificate again: serial numbers must be positive and at most 20 octets long.",
        RuleSource.Rfc5280,
        "RFC 5280 §4.1.2.2: the serial number MUST be a positive integer of at most 20 octets; CA/B Forum BR §7.1 (zlint e_serial_number_not_positive, e_serial_number_longer_than_20_octets)");

    public override bool Applies(CertificateOnPath certificate) => !certificate.IsRoot;

    public override string? Check(CertificateOnPath certificate)
    {
        var serial = certificate.Certificate.SerialNumberBytes.Span;
        if (serial.Length > MaximumOctets)
        {
            return $"{certificate.Label} has a serial number of {serial.Length} octets; at most {MaximumOctets} are allowed.";
        }

        if ((serial[0] & 0x80) != 0)
        {
            return $"{certificate.Label} has a negative serial number.";
        }

        return serial.IndexOfAnyExcept((byte)0) < 0 ? $"{certificate.Label} has the serial number zero." : null;
    }
}
