using CertManager.Core.Results;

namespace CertManager.Core.Alerts;

/// <summary>Problems with email alerts. Codes are <c>alerts.*</c>.</summary>
public static class AlertErrors
{
    public static Problem PortOutOfRange(int port) => Problem.Error(
        "alerts.port-out-of-range",
        $"The SMTP port {port} is not a TCP port.",
        "Enter a port from 1 to 65535: usually 587 for STARTTLS, 465 for TLS, 25 for a plain relay.");

    /// <summary>The settings field a problem is about, so that the page shows it next to that field; null when none.</summary>
    public static AlertSettingsField? FieldOf(Problem problem) => problem?.Code switch
    {
        "alerts.port-out-of-range" => AlertSettingsField.Port,
        "alerts.sender-invalid" => AlertSettingsField.Sender,
        "alerts.recipient-invalid" => AlertSettingsField.Recipients,
        "alerts.host-locked" => AlertSettingsField.Host,
        _ => null,
    };

    /// <summary>An address that is not one; <paramref name="field"/> is "sender" or "recipient".</summary>
    public static Problem AddressInvalid(string field, string address) => Problem.Error(
        $"alerts.{field}-invalid",
        $"The {field} address '{address}' is not an email address.",
        "Enter an address such as certmanager@example.com.");

    public static Problem HostLockedByConfiguredPassword { get; } = Problem.Error(
        "alerts.host-locked",
        "The SMTP password comes from configuration, so the SMTP host must come from configuration too.",
        "Set CertManager:Alerts:Smtp:Host next to the password in configuration, or remove the configured password and enter both here.");

    public static Problem CredentialsNeedTls { get; } = Problem.Error(
        "alerts.credentials-need-tls",
        "An SMTP user name and password are sent only over an encrypted connection: with security 'None' the mail server, and anyone on the network path, would read the password.",
        "Choose STARTTLS (usually port 587) or TLS (usually port 465), or remove the user name for a relay that needs no sign-in.");

    public static Problem NotConfigured { get; } = Problem.Error(
        "alerts.not-configured",
        "Email alerts are not configured: the SMTP host, the sender or the recipients are missing.",
        "Fill in the SMTP host, the sender and at least one recipient, then save.");

    public static Problem DeliveryFailed(string host, int port, string reason) => Problem.Error(
        "alerts.delivery-failed",
        $"The SMTP server {host}:{port} did not accept the email: {reason}",
        "Check the host, port, security and sign-in settings; the server's own words are quoted above.");

    public static Problem ChannelGone(string channel) => Problem.Error(
        "alerts.channel-gone", $"The alert channel '{channel}' is no longer configured.", "Configure it again (CertManager:Alerts:Webhooks), or leave the alert queued; it is retried with the others.");

    public static Problem WebhookInvalid(string reasons) => Problem.Error(
        "alerts.webhook-invalid", $"The webhook cannot be saved: {reasons}", "Give it a name of letters, digits or '-' and the full https:// URL its receiver (Slack, Teams or your own) gave you.");

    public static Problem WebhookNameTaken(string name) => Problem.Error(
        "alerts.webhook-name-taken", $"A webhook named '{name}' already exists.", "Choose another name, or remove the existing webhook first.");

    public static Problem WebhookFromConfiguration(string name) => Problem.Error(
        "alerts.webhook-from-configuration", $"The webhook '{name}' is set in configuration (CertManager:Alerts:Webhooks), not on this page.", "Remove it from the console's configuration and restart the console.");

    public static Problem WebhookNotFound(string name) => Problem.Error(
        "alerts.webhook-not-found", $"There is no webhook named '{name}'.", "Reload the list; another administrator may have removed it.");

    public static Problem WebhookTestFailed(string webhook, string reason) => Problem.Error(
        "alerts.webhook-test-failed", $"The test alert to the webhook '{webhook}' was not delivered: {reason}.", "Check the webhook's URL and that its receiver is reachable from the console and answers with a 2xx status.");
}
