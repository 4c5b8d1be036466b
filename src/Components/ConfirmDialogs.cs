using Konvrt.Portal.Components.Shared;
using MudBlazor;

namespace Konvrt.Portal.Components;

public static class ConfirmDialogs
{
    /// <summary>Asks before an action that cannot be taken back: true when the user said yes.</summary>
    /// <param name="destructive">The yes button is red: the action deletes or takes something away.</param>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string yesText, string cancelText = "Cancel", bool destructive = true)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { dialog => dialog.Message, message },
            { dialog => dialog.YesText, yesText },
            { dialog => dialog.CancelText, cancelText },
            { dialog => dialog.Destructive, destructive },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        return await dialog.Result is { Canceled: false };
    }
}
