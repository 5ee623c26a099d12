using Microsoft.Extensions.Logging;

namespace CertManager.Acme;

/// <summary>ACME log lines with stable event ids. Never key material, key authorizations or the EAB HMAC key.</summary>
internal static partial class AcmeLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "ACME: {Url} rejected the nonce (badNonce); sending again with a fresh one (retry {Attempt})")]
    public static partial void BadNonceRetry(ILogger logger, Uri url, int attempt);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "ACME: {Url} answered problem {Type}: {Detail}")]
    public static partial void CaProblem(ILogger logger, Uri url, string type, string detail);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "ACME: account {Account} at {Directory} is {Status}")]
    public static partial void Account(ILogger logger, Uri directory, Uri? account, string? status);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "ACME: order {Order} for {Names} is {Status}")]
    public static partial void Order(ILogger logger, Uri? order, string names, string? status);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "ACME: {ChallengeType} for {Identifier} is {Status}")]
    public static partial void Challenge(ILogger logger, string challengeType, string identifier, string? status);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information, Message = "ACME: downloaded certificate {Certificate} ({Alternates} alternate chain(s)); chosen chain ends at '{Root}'")]
    public static partial void Downloaded(ILogger logger, Uri certificate, int alternates, string root);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "ACME: removing the {ChallengeType} answer for {Identifier} failed: {Message}")]
    public static partial void CleanupFailed(ILogger logger, string challengeType, string identifier, string message);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Information, Message = "ACME: resuming order #{Id} at {Order} from step {Step} after a restart")]
    public static partial void Resuming(ILogger logger, long id, Uri order, string step);
}
