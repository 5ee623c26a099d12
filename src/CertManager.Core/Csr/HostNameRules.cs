using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace CertManager.Core.Csr;

/// <summary>
/// The rules a DNS name in a CSR follows: RFC 1035 lengths (label 63, name 253), RFC 1123 host name
/// characters, one optional leading wildcard label (RFC 6125 6.4.3, as CAs issue them), and IDNA 2008
/// A-labels for internationalized names (RFC 5890), as RFC 5280 4.2.1.6 requires in dNSName.
/// </summary>
internal static partial class HostNameRules
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;
    private const string WildcardPrefix = "*.";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>Checks a trimmed, non-empty name that is not an IP address.</summary>
    public static HostNameCheck Check(string value)
    {
        if (value.Contains("://", StringComparison.Ordinal) || value.IndexOfAny(['/', '?', '#', '@']) >= 0)
        {
            return HostNameCheck.Failed(HostNameFault.Url);
        }

        if (value.Any(char.IsWhiteSpace))
        {
            return HostNameCheck.Failed(HostNameFault.Whitespace);
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            return HostNameCheck.Failed(LooksLikeIpv6(value) ? HostNameFault.IpAddressInvalid : HostNameFault.Port);
        }

        if (DigitsAndDots().IsMatch(value))
        {
            return HostNameCheck.Failed(HostNameFault.IpAddressInvalid);
        }

        if (value.EndsWith('.') || value.EndsWith('\u3002'))
        {
            return HostNameCheck.Failed(HostNameFault.TrailingDot);
        }

        var wildcard = value.StartsWith(WildcardPrefix, StringComparison.Ordinal);
        var rest = wildcard ? value[WildcardPrefix.Length..] : value;
        if (rest.Contains('*', StringComparison.Ordinal))
        {
            return HostNameCheck.Failed(HostNameFault.WildcardMisplaced);
        }

        var converted = !Ascii.IsValid(rest);
        string ascii;
        try
        {
            ascii = converted ? Idn.GetAscii(rest) : rest;
        }
        catch (ArgumentException)
        {
            // IdnMapping refuses empty or over-long labels too; check those first for the clearer message.
            return HostNameCheck.Failed(StructuralFault(rest.Split('.', '\u3002', '\uFF0E', '\uFF61')) ?? HostNameFault.InternationalNameInvalid);
        }

        var labels = ascii.ToLowerInvariant().Split('.');
        if (StructuralFault(labels) is { } fault)
        {
            return HostNameCheck.Failed(fault);
        }

        if (labels.Any(label => !LetterDigitHyphen().IsMatch(label)))
        {
            return HostNameCheck.Failed(HostNameFault.InvalidCharacters);
        }

        if (labels.Any(label => label.StartsWith('-') || label.EndsWith('-')))
        {
            return HostNameCheck.Failed(HostNameFault.HyphenAtLabelEdge);
        }

        if (!converted && labels.Any(label => label.StartsWith("xn--", StringComparison.Ordinal) && !IsValidALabel(label)))
        {
            return HostNameCheck.Failed(HostNameFault.InternationalNameInvalid);
        }

        var name = (wildcard ? WildcardPrefix : string.Empty) + string.Join('.', labels);
        if (name.Length > MaxNameLength)
        {
            return HostNameCheck.Failed(HostNameFault.NameTooLong);
        }

        if (wildcard && labels.Length < 2)
        {
            return HostNameCheck.Failed(HostNameFault.WildcardTooBroad);
        }

        return new HostNameCheck(name, null, converted, SingleLabel: !wildcard && labels.Length == 1);
    }

    /// <summary>
    /// An IPv4 address in dotted-quad form without leading zeros (which some parsers read as octal), or an
    /// IPv6 address without zone or brackets. <see cref="IPAddress.TryParse(string, out IPAddress)"/> alone
    /// also accepts "10.1" and "[::1]:80", which are not what anyone means in a certificate.
    /// </summary>
    public static bool TryParseIpAddress(string value, out IPAddress address)
    {
        if (DottedQuad().IsMatch(value) && IPAddress.TryParse(value, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork)
        {
            address = v4;
            return true;
        }

        if (LooksLikeIpv6(value) && IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = v6;
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    private static HostNameFault? StructuralFault(string[] labels)
    {
        if (labels.Any(label => label.Length == 0))
        {
            return HostNameFault.EmptyLabel;
        }

        return labels.Any(label => label.Length > MaxLabelLength) ? HostNameFault.LabelTooLong : null;
    }

    private static bool IsValidALabel(string label)
    {
        try
        {
            Idn.GetUnicode(label);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool LooksLikeIpv6(string value) => Ipv6Characters().IsMatch(value) && value.Count(c => c == ':') >= 2;

    [GeneratedRegex("^[0-9.]+$")]
    private static partial Regex DigitsAndDots();

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex LetterDigitHyphen();

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$")]
    private static partial Regex DottedQuad();

    [GeneratedRegex("^[0-9A-Fa-f:.]+$")]
    private static partial Regex Ipv6Characters();
}
