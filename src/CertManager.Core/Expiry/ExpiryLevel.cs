namespace CertManager.Core.Expiry;

/// <summary>How close a certificate is to expiry, by the console's thresholds. The order is escalation order.</summary>
public enum ExpiryLevel
{
    Ok = 0,

    /// <summary>Expires in less than the warning threshold (3 weeks by default).</summary>
    Warning = 1,

    /// <summary>Expires in less than the minor threshold (1 week by default).</summary>
    Minor = 2,

    /// <summary>Already expired.</summary>
    Major = 3,
}
