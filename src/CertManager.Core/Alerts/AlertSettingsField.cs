namespace CertManager.Core.Alerts;

/// <summary>The field of the alert settings a problem belongs to (<see cref="AlertErrors.FieldOf"/>).</summary>
public enum AlertSettingsField
{
    Host,
    Port,
    Sender,
    Recipients,
}
