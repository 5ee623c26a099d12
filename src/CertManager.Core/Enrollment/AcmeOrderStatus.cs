namespace CertManager.Core.Enrollment;

/// <summary>Where a certificate ordered over ACME stands in CertManager (not the CA's order status).</summary>
public enum AcmeOrderStatus
{
    /// <summary>Ordered; challenges, finalize or download still to come (resumed after a restart).</summary>
    InProgress,

    /// <summary>Issued and handed to the chain doctor; waiting for an administrator (warnings, or held by policy).</summary>
    Held,

    Installed,

    Failed,

    Cancelled,
}
