using System.ComponentModel.DataAnnotations;
using CertManager.Core.Csr;
using CertManager.Core.Install;
using CertManager.Core.Results;
using CertManager.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace CertManager.Web.Components.Pages.WebServer;

/// <summary>
/// The CSR form. Core's <see cref="CsrRequestValidator"/> checks the form on every change: its errors go into the
/// edit context next to their fields, its warnings and advice into one list, and its encoded subject and names into
/// the preview. Generating goes through <see cref="CsrGenerator"/>, which makes the key off the circuit's thread.
/// </summary>
public sealed partial class GenerateCsr : IDisposable
{
    private readonly CancellationTokenSource _disposal = new();
    private InputModel _input = new();
    private EditContext _editContext = default!;
    private ValidationMessageStore _messages = default!;
    private Result<ValidatedCsrRequest> _validation = default!;
    private IReadOnlyList<PendingRequestSummary> _pending = [];
    private IReadOnlyList<Problem> _generationProblems = [];
    private GeneratedCsr? _generated;
    private bool _generating;
    private int _generatingKeySize;
    private bool _confirmingRegenerate;
    private bool _blocked;

    [Inject]
    private PendingRequestStore Store { get; set; } = default!;

    [Inject]
    private CsrGenerator Generator { get; set; } = default!;

    [Inject]
    private KeyAlgorithmPolicy KeyPolicy { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private ValidatedCsrRequest? Preview => _validation.Succeeded ? _validation.Value : null;

    /// <summary>Warnings and advice, plus errors that belong to no single field, plus what generation reported.</summary>
    private IReadOnlyList<Problem> GeneralProblems =>
        _validation.Problems
            .Where(problem => problem.Severity != Severity.Error || CsrErrors.FieldOf(problem) is null)
            .Concat(_generationProblems.Where(problem => !_validation.Problems.Contains(problem)))
            .ToList();

    protected override async Task OnInitializedAsync()
    {
        // The last request's values, or on first use this host's name as the common name.
        _input = InputModel.From(await Store.GetLastFormAsync(_disposal.Token));
        _editContext = new EditContext(_input);
        _messages = new ValidationMessageStore(_editContext);
        _editContext.OnFieldChanged += (_, _) => Revalidate();
        _editContext.OnValidationRequested += (_, _) => Revalidate();
        Revalidate();
        _pending = await Store.ListPendingAsync(_disposal.Token);
    }

    private List<Problem> ErrorsFor(CsrField field) =>
        _validation.Problems.Where(problem => problem.Severity == Severity.Error && CsrErrors.FieldOf(problem) == field).ToList();

    private void Revalidate()
    {
        _validation = CsrRequestValidator.Validate(_input.ToForm(), KeyPolicy.AllowsEcdsa);
        _messages.Clear();
        foreach (var problem in _validation.Problems.Where(problem => problem.Severity == Severity.Error))
        {
            _messages.Add(FieldOf(problem), problem.Message);
        }

        _blocked = _blocked && !_validation.Succeeded;
        _editContext.NotifyValidationStateChanged();
    }

    /// <summary>Where the edit context files a Core error, so the input is marked invalid.</summary>
    private FieldIdentifier FieldOf(Problem problem) => CsrErrors.FieldOf(problem) switch
    {
        CsrField.Country => new FieldIdentifier(_input, nameof(InputModel.Country)),
        CsrField.State => new FieldIdentifier(_input, nameof(InputModel.State)),
        CsrField.Locality => new FieldIdentifier(_input, nameof(InputModel.Locality)),
        CsrField.Organization => new FieldIdentifier(_input, nameof(InputModel.Organization)),
        CsrField.OrganizationalUnit => new FieldIdentifier(_input, nameof(InputModel.OrganizationalUnit)),
        CsrField.CommonName => new FieldIdentifier(_input, nameof(InputModel.CommonName)),
        CsrField.AlternateNames => new FieldIdentifier(_input, nameof(InputModel.AlternateNames)),
        CsrField.KeySize => new FieldIdentifier(_input, nameof(InputModel.KeySize)),
        CsrField.Hash => new FieldIdentifier(_input, nameof(InputModel.Hash)),
        _ => new FieldIdentifier(_input, string.Empty),
    };

    private void AlternateNamesChanged() =>
        _editContext.NotifyFieldChanged(new FieldIdentifier(_input, nameof(InputModel.AlternateNames)));

    private async Task GenerateClickedAsync()
    {
        _generationProblems = [];
        if (!_editContext.Validate())
        {
            _blocked = true;
            return;
        }

        _blocked = false;
        // Several pending requests are allowed, but the admin should know which one the CA must sign.
        if (_pending.Count > 0)
        {
            _confirmingRegenerate = true;
            return;
        }

        await GenerateAsync();
    }

    private async Task GenerateAsync()
    {
        _confirmingRegenerate = false;
        var form = _input.ToForm();
        _generating = true;
        _generatingKeySize = form.KeySize;
        try
        {
            // The first await yields while the key is made on the thread pool: the progress renders meanwhile.
            var actor = (await AuthenticationState).User.ActorName();
            var result = await Generator.GenerateAsync(form, actor, _disposal.Token);
            _generationProblems = result.Problems;
            if (result.Succeeded)
            {
                _generated = result.Value;
                _pending = await Store.ListPendingAsync(_disposal.Token);
            }
        }
        catch (OperationCanceledException) when (_disposal.IsCancellationRequested)
        {
            // The admin left the page; the circuit is going away.
        }
        finally
        {
            _generating = false;
        }
    }

    private async Task DiscardAsync(PendingRequestSummary request)
    {
        var result = await Store.DiscardAsync(request.Id, (await AuthenticationState).User.ActorName(), _disposal.Token);
        _generationProblems = result.Problems;
        if (_generated?.PendingRequestId == request.Id)
        {
            _generated = null;
        }

        _pending = await Store.ListPendingAsync(_disposal.Token);
    }

    public void Dispose()
    {
        _disposal.Cancel();
        _disposal.Dispose();
    }

    /// <summary>
    /// The form as bound. The annotations repeat the few rules a form can check on its own; every rule, and the
    /// messages shown, come from Core's validator.
    /// </summary>
    private sealed class InputModel
    {
        public string? Country { get; set; }

        public string? State { get; set; }

        public string? Locality { get; set; }

        public string? Organization { get; set; }

        public string? OrganizationalUnit { get; set; }

        [Required(ErrorMessage = "The common name is required.")]
        public string? CommonName { get; set; }

        public List<string> AlternateNames { get; set; } = [];

        [AllowedValues(2048, 3072, 4096, ErrorMessage = "Choose RSA 2048, 3072 or 4096.")]
        public int KeySize { get; set; } = CsrForm.DefaultKeySize;

        [EnumDataType(typeof(CsrHashAlgorithm), ErrorMessage = "Choose SHA-256, SHA-384 or SHA-512.")]
        public CsrHashAlgorithm Hash { get; set; } = CsrHashAlgorithm.Sha256;

        public static InputModel From(CsrForm form) => new()
        {
            Country = form.Country,
            State = form.State,
            Locality = form.Locality,
            Organization = form.Organization,
            OrganizationalUnit = form.OrganizationalUnit,
            CommonName = form.CommonName,
            AlternateNames = [.. form.AlternateNames],
            KeySize = form.KeySize,
            Hash = form.Hash,
        };

        public CsrForm ToForm() => new()
        {
            Country = Country,
            State = State,
            Locality = Locality,
            Organization = Organization,
            OrganizationalUnit = OrganizationalUnit,
            CommonName = CommonName,
            AlternateNames = [.. AlternateNames],
            KeySize = KeySize,
            Hash = Hash,
        };
    }
}
