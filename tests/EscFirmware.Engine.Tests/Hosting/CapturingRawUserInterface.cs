using System;
using System.Management.Automation.Host;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>A wide, fixed "console" so Out-Default lays tables out without wrapping; no keyboard.</summary>
    internal sealed class CapturingRawUserInterface : PSHostRawUserInterface
    {
        private static readonly Size Screen = new Size(200, 50);

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get => new Size(Screen.Width, 3000); set { } }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; } = 1;
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => Screen;
        public override Size MaxWindowSize => Screen;
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get => Screen; set { } }
        public override string WindowTitle { get; set; } = "EscFirmware tests";

        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("The test host has no keyboard.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
