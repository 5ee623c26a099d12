using Microsoft.Extensions.Logging;

namespace CertManager.Scep.Enrollment;

/// <summary>Enrollment log lines with stable event ids. Never the enrollment password, the CSR or key material.</summary>
internal static partial class ScepLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "SCEP: contacted {Url}: capabilities {Capabilities}, {CertificateCount} CA/RA certificate(s)")]
    public static partial void Contacted(ILogger logger, Uri url, string capabilities, int certificateCount);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "SCEP: {Url} failed: {Code} {Message}")]
    public static partial void Failed(ILogger logger, Uri url, string code, string message);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "SCEP: {Url} issued '{Subject}' (transaction {TransactionId})")]
    public static partial void Issued(ILogger logger, Uri url, string subject, string transactionId);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "SCEP: {Url} kept the request pending (transaction {TransactionId}); CertManager polls it")]
    public static partial void Kept(ILogger logger, Uri url, string transactionId);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Debug, Message = "SCEP: {Url} still pending (transaction {TransactionId}); next poll at {NextPoll}")]
    public static partial void StillPending(ILogger logger, Uri url, string transactionId, DateTimeOffset nextPoll);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "SCEP: polling {Url} (transaction {TransactionId}) failed: {Code} {Message}; asked again later")]
    public static partial void PollFailed(ILogger logger, Uri url, string transactionId, string code, string message);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "SCEP: gave up on {Url} (transaction {TransactionId}) after {Attempts} polls")]
    public static partial void GaveUp(ILogger logger, Uri url, string transactionId, int attempts);
}
