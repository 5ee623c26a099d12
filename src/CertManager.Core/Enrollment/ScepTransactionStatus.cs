namespace CertManager.Core.Enrollment;

/// <summary>Where a SCEP transaction the CA answered PENDING stands (RFC 8894 §3.3.3).</summary>
public enum ScepTransactionStatus
{
    /// <summary>Waiting for approval by the CA administrator; polled with CertPoll.</summary>
    Pending,

    /// <summary>Issued, but the chain doctor had something to say: waiting for the administrator to install it.</summary>
    Issued,

    /// <summary>Issued and installed (automatically when the chain doctor found nothing, else by the administrator).</summary>
    Installed,

    /// <summary>The CA answered FAILURE.</summary>
    Rejected,

    /// <summary>Cancelled by an administrator; no more polls.</summary>
    Cancelled,

    /// <summary>Given up: the maximum age passed without an answer.</summary>
    Failed,
}
