using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CertManager.Core.Details;

namespace CertManager.Core.Chain;

/// <summary>
/// Whether a certificate's names cover a host name, as browsers decide it: subjectAltName only, never the CN
/// (RFC 6125 §6.4.4); IP addresses compared as addresses against IP entries, and only written as clients accept them
/// (dotted decimal without leading zeros, no hex, octal or short forms; RFC 3986 §3.2.2); DNS names compared as
/// A-labels (RFC 5890), case-insensitively, with one wildcard as the whole leftmost label (RFC 6125 §6.4.3).
/// </summary>
internal static partial class HostNameMatcher
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    /// <summary>A host as a client connects to it: an address, or a DNS name in A-labels, lower case, without a trailing dot.</summary>
    internal sealed record Host(IPAddress? Address, string? DnsName);

    /// <summary>Reads <paramref name="text"/> as a host, or says why a client would not connect to it.</summary>
    public static Host? Parse(string text, out string? error)
    {
        error = null;
        var value = text.Trim();
        if (value.Length == 0)
        {
            error = "it is empty";
            return null;
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            var bare = value.TrimStart('[').TrimEnd(']');
            if (IPAddress.TryParse(bare, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 && !bare.Contains('%', StringComparison.Ordinal))
            {
                return new Host(v6, null);
            }

            error = "it is not an IPv6 address (and a host name has no ':')";
            return null;
        }

        var name = value.TrimEnd('.');
        var lastLabel = name[(name.LastIndexOf('.') + 1)..];
        if (NumericLabel().IsMatch(lastLabel))
        {
            // A numeric last label makes it an IPv4 address to every URL parser (WHATWG URL "ends in a number").
            if (StrictIpv4().IsMatch(name))
            {
                return new Host(IPAddress.Parse(name), null);
            }

            error = "an IPv4 address must be four decimal numbers from 0 to 255 without leading zeros (no hex, octal or shortened forms)";
            return null;
        }

        try
        {
            return new Host(null, Idn.GetAscii(name).ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            error = "it is not a valid DNS name";
            return null;
        }
    }

    public static bool Covers(IReadOnlyList<SubjectAlternativeName> names, Host host)
    {
        if (host.Address is { } address)
        {
            return names.Any(n => n.Kind == AlternativeNameKind.IpAddress && IPAddress.TryParse(n.Value, out var presented) && presented.Equals(address));
        }

        return names.Where(n => n.Kind == AlternativeNameKind.Dns).Any(n => Matches(n.Value.TrimEnd('.'), host.DnsName!));
    }

    private static bool Matches(string pattern, string host)
    {
        if (string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return false;
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(pattern[1..], host[dot..], StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("^([0-9]+|0[xX][0-9a-fA-F]*)$")]
    private static partial Regex NumericLabel();

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$")]
    private static partial Regex StrictIpv4();
}
