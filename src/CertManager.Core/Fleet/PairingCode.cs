using System.Buffers.Text;
using System.Text.Json;
using CertManager.Core.Results;

namespace CertManager.Core.Fleet;

/// <summary>
/// A one-time pairing code as the administrator copies it: <c>CMF1.</c> then base64url of JSON naming the edge's
/// address, the SHA-256 fingerprint of its fleet identity key (pinned by the follower), the code's public id and its
/// 256-bit secret. The secret never travels again: the follower proves it knows it with an HMAC over its registration.
/// </summary>
public sealed record PairingCode(Uri EdgeUrl, byte[] IdentityFingerprint, string PublicId, byte[] Secret)
{
    private const string Prefix = "CMF1.";
    private const int MaxLength = 4096;

    public string Format() =>
        Prefix + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Wire(EdgeUrl.AbsoluteUri, IdentityFingerprint, PublicId, Secret)));

    public static Result<PairingCode> Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (!trimmed.StartsWith(Prefix, StringComparison.Ordinal) || trimmed.Length > MaxLength)
        {
            return FleetErrors.CodeMalformed;
        }

        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(trimmed.AsSpan(Prefix.Length)));
            if (wire is null || !Uri.TryCreate(wire.U, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps
                || wire.F is not { Length: 32 } || string.IsNullOrEmpty(wire.I) || wire.S is not { Length: 32 })
            {
                return FleetErrors.CodeMalformed;
            }

            return Result<PairingCode>.Success(new PairingCode(url, wire.F, wire.I, wire.S));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return FleetErrors.CodeMalformed;
        }
    }

    private sealed record Wire(string U, byte[] F, string I, byte[] S);
}
