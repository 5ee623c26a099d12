namespace CertManager.Core.Fleet;

/// <summary>One long poll's answer: the signed bundle and the nonce it must answer, or no bundle (nothing newer).</summary>
internal sealed record PollResult(byte[]? Bundle, string Nonce);
