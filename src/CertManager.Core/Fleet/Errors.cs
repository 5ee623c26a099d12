using CertManager.Core.Results;

namespace CertManager.Core.Fleet;

/// <summary>The problems pairing, following and distributing the certificate can meet, with stable codes.</summary>
public static class FleetErrors
{
    public const int MaxNameLength = 64;

    public static readonly Problem CodeMalformed = Problem.Error(
        "fleet.code-malformed", "This is not a CertManager pairing code.", "Copy the whole code from the proxy console's 'Servers behind this proxy' page (it starts with 'CMF1.').");

    public static readonly Problem CodeUnknown = Problem.Error(
        "fleet.code-unknown", "The proxy console does not know this pairing code, or the code does not match.", "Make a new pairing code on the proxy console and paste it whole.");

    public static readonly Problem CodeExpired = Problem.Error(
        "fleet.code-expired", "This pairing code has expired (codes are valid for 15 minutes).", "Make a new pairing code on the proxy console.");

    public static readonly Problem CodeUsed = Problem.Error(
        "fleet.code-used", "This pairing code was already used: each code pairs one server once.", "Make a new pairing code on the proxy console for each server.");

    public static readonly Problem NameInvalid = Problem.Error(
        "fleet.name-invalid", $"A server needs a name of 1 to {MaxNameLength} characters.", "Name the server as your team knows it, e.g. 'app-1'.");

    public static readonly Problem KeyInvalid = Problem.Error(
        "fleet.key-invalid", "The server's public keys are not an ECDSA P-256 signing key and an RSA key of at least 3072 bits.", "Pair with a CertManager console of the same release.");

    public static readonly Problem RequestUnsigned = Problem.Error(
        "fleet.request-unsigned", "This request is not signed by a paired server.", "Only CertManager consoles that follow this proxy call this address; pair the server first.");

    public static readonly Problem RequestStale = Problem.Error(
        "fleet.request-stale", "The request's time is more than 5 minutes away from the proxy console's clock.", "Synchronise both servers' clocks (NTP).");

    public static readonly Problem RequestReplayed = Problem.Error(
        "fleet.request-replayed", "This request was already received once and is refused as a replay.", "Nothing to do if it happens once; otherwise look for a device that records and resends traffic.");

    public static readonly Problem FollowerUnknown = Problem.Error(
        "fleet.follower-unknown", "This server is not (or no longer) paired with the proxy console.", "Pair it again with a new code from the proxy console if it should follow it.");

    public static readonly Problem FollowerNotFound = Problem.Error(
        "fleet.follower-not-found", "There is no such server behind this proxy.", "Reload the list of servers.");

    public static readonly Problem SignatureInvalid = Problem.Error(
        "fleet.signature-invalid", "The answer is not signed by the proxy console's fleet identity key this server pinned at pairing: it was changed on the way or comes from elsewhere.", "Nothing was installed. Check what sits between this server and the proxy; if the proxy console's data directory was replaced, pair again.");

    public static readonly Problem IdentityMismatch = Problem.Error(
        "fleet.identity-mismatch", "The console at this address does not hold the fleet identity key named in the pairing code.", "Check the address in the code reaches the proxy console itself, not another machine, and make a new code there.");

    public static readonly Problem BundleNotForUs = Problem.Error(
        "fleet.bundle-not-for-us", "The bundle is not encrypted to this server's key or answers another request.", "Nothing was installed; the next poll asks again. If it persists, pair this server again.");

    public static readonly Problem BundleUnreadable = Problem.Error(
        "fleet.bundle-unreadable", "The bundle could not be decrypted or read.", "Nothing was installed; the next poll asks again. If it persists, pair this server again.");

    public static readonly Problem NothingToShare = Problem.Info(
        "fleet.nothing-to-share", "The proxy console presents its self-signed default certificate: there is nothing to share yet.", "Install the certificate on the proxy console; followers take it at their next poll.");

    public static readonly Problem AlreadyFollowing = Problem.Error(
        "fleet.already-following", "This console already follows a proxy.", "Stop following it first ('certman follow stop' or the page's 'Stop following').");

    public static readonly Problem NotFollowing = Problem.Error(
        "fleet.not-following", "This console does not follow a proxy.", "Paste a pairing code from the proxy console to follow it.");

    public static Problem EdgeUnreachable(string detail) => Problem.Error(
        "fleet.edge-unreachable", $"The proxy console could not be reached: {detail}", "Check the proxy console runs and that this server may open HTTPS connections to it.");

    public static Problem EdgeRefused(string code, string message) => Problem.Error(
        "fleet.edge-refused", $"The proxy console refused: {message} ({code})", "Follow the advice shown on the proxy console, or pair again.");
}
