using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain.Rules;

namespace CertManager.Core.Chain.NameConstraints;

/// <summary>
/// Name constraints as RFC 5280 §4.2.1.10 and §6.1.3 (b)-(c) define them, on the names a certificate actually has:
/// its subjectAltName entries (DNS, IP, email, URI, directoryName), its subject as a directory name and the
/// emailAddress attributes of its subject. The CN is never a name here: OpenSSL checks a host-like CN against DNS
/// constraints when there is no DNS subjectAltName, which the web PKI does not, so its refusal is re-decided here.
/// Each constraint applies to every certificate below its CA, except self-issued intermediates (§6.1.3 (b)).
/// </summary>
internal static class NameConstraintChecker
{
    private const string EmailAddressOid = "1.2.840.113549.1.9.1";

    /// <summary>Evaluates every CA's constraints on <paramref name="path"/> (index 0 = server certificate).</summary>
    public static NameConstraintVerdict Check(IReadOnlyList<X509Certificate2> path)
    {
        var violations = new List<NameConstraintViolation>();
        var undecidable = false;
        for (var constraining = 1; constraining < path.Count; constraining++)
        {
            var extension = path[constraining].Extensions.FirstOrDefault(e => e.Oid?.Value == Oids.NameConstraints);
            if (extension is null)
            {
                continue;
            }

            var constraints = NameConstraintsExtension.Read(extension.RawData);
            undecidable |= constraints.Unsupported;
            for (var index = 0; index < constraining; index++)
            {
                var certificate = path[index];
                if (index > 0 && certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
                {
                    continue;
                }

                foreach (var name in NamesOf(certificate))
                {
                    if (name.Kind == GeneralNameKind.Other)
                    {
                        undecidable |= constraints.Permitted.Concat(constraints.Excluded).Any(c => c.Kind == GeneralNameKind.Other);
                        continue;
                    }

                    var excluded = constraints.Excluded.Where(c => c.Kind == name.Kind && Matches(name, c)).ToList();
                    if (excluded.Count > 0)
                    {
                        violations.Add(new(index, name, constraining, Excluded: true, excluded));
                        continue;
                    }

                    var permitted = constraints.Permitted.Where(c => c.Kind == name.Kind).ToList();
                    if (permitted.Count > 0 && !permitted.Any(c => Matches(name, c)))
                    {
                        violations.Add(new(index, name, constraining, Excluded: false, permitted));
                    }
                }
            }
        }

        return new NameConstraintVerdict(violations, undecidable);
    }

    /// <summary>The names constraints apply to: subjectAltName entries, the subject (when not empty) and its emailAddress attributes.</summary>
    internal static List<GeneralName> NamesOf(X509Certificate2 certificate)
    {
        var names = new List<GeneralName>();
        var subject = certificate.SubjectName.RawData;
        if (DistinguishedNames.Read(subject) is { Count: > 0 } rdns)
        {
            names.Add(new GeneralName(GeneralNameKind.DirectoryName, certificate.Subject, subject));
            names.AddRange(rdns.SelectMany(r => r).Where(a => a.Type == EmailAddressOid).Select(a => new GeneralName(GeneralNameKind.Email, a.Value, [])));
        }

        var san = certificate.Extensions.FirstOrDefault(e => e.Oid?.Value == Oids.SubjectAltName);
        if (san is not null)
        {
            try
            {
                var sequence = new AsnReader(san.RawData, AsnEncodingRules.DER).ReadSequence();
                while (sequence.HasData)
                {
                    names.Add(GeneralName.Read(sequence, isConstraint: false));
                }
            }
            catch (AsnContentException)
            {
                names.Add(new GeneralName(GeneralNameKind.Other, "an unreadable subjectAltName", []));
            }
        }

        return names;
    }

    internal static bool Matches(GeneralName name, GeneralName constraint) => name.Kind switch
    {
        GeneralNameKind.Dns => DnsMatches(name.Text, constraint.Text),
        GeneralNameKind.Email => EmailMatches(name.Text, constraint.Text),
        GeneralNameKind.Uri => UriMatches(name.Text, constraint.Text),
        GeneralNameKind.IpAddress => IpMatches(name.Raw, constraint.Raw),
        GeneralNameKind.DirectoryName => DistinguishedNames.IsWithin(name.Raw, constraint.Raw),
        _ => false,
    };

    /// <summary>§4.2.1.10: a DNS constraint matches the name itself and any name made by adding labels to its left.</summary>
    private static bool DnsMatches(string name, string constraint)
    {
        var host = name.TrimEnd('.');
        var domain = constraint.TrimEnd('.');
        if (domain.Length == 0)
        {
            return true;
        }

        return domain.StartsWith('.')
            ? host.EndsWith(domain, StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>§4.2.1.10: a mailbox, all mailboxes on a host, or (leading period) all mailboxes in a domain.</summary>
    private static bool EmailMatches(string address, string constraint)
    {
        if (constraint.Contains('@', StringComparison.Ordinal))
        {
            return string.Equals(address, constraint, StringComparison.OrdinalIgnoreCase);
        }

        var at = address.LastIndexOf('@');
        var host = at < 0 ? address : address[(at + 1)..];
        return constraint.StartsWith('.')
            ? host.EndsWith(constraint, StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, constraint, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>§4.2.1.10: the URI's host, exactly, or (leading period) any host in the domain; a URI without a host never matches.</summary>
    private static bool UriMatches(string uri, string constraint)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.IdnHost.Length == 0)
        {
            return false;
        }

        var host = parsed.IdnHost;
        return constraint.StartsWith('.')
            ? host.EndsWith(constraint, StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, constraint, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>§4.2.1.10: an address within the constraint's network (address and mask, 8 octets for IPv4, 32 for IPv6).</summary>
    private static bool IpMatches(byte[] address, byte[] constraint)
    {
        if (constraint.Length != address.Length * 2)
        {
            return false;
        }

        for (var i = 0; i < address.Length; i++)
        {
            var mask = constraint[address.Length + i];
            if ((address[i] & mask) != (constraint[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
