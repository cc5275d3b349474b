using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace EscFirmware.Tests.Support;

/// <summary>
/// Replays what a program wrote to a terminal (text and the ANSI cursor and erase sequences) onto a grid of a fixed width,
/// as a terminal would: a line longer than the width wraps onto the next row, <c>\r</c> returns to column 0, and what is not
/// erased stays. <see cref="Rows"/> is what a person sees, scrollback included; <see cref="Wrapped"/> counts the rows that
/// only exist because something ran past the right edge.
/// </summary>
public sealed class VirtualTerminal
{
    private readonly int _width;
    private readonly List<char[]> _rows = new();
    private int _row;
    private int _column;

    public VirtualTerminal(int width, string output)
    {
        _width = width;
        _rows.Add(Blank());
        Replay(output);
    }

    public IReadOnlyList<string> Rows => _rows.Select(r => new string(r).TrimEnd()).ToList();

    public int Wrapped { get; private set; }

    public string Screen => string.Join("\n", Rows).TrimEnd();

    private void Replay(string output)
    {
        for (var i = 0; i < output.Length; i++)
        {
            var c = output[i];
            if (c == '\u001b' && i + 1 < output.Length && output[i + 1] == '[')
            {
                var end = i + 2;
                while (end < output.Length && !char.IsLetter(output[end])) end++;
                Control(output.Substring(i + 2, end - i - 2), output[end]);
                i = end;
            }
            else if (c == '\r') _column = 0;
            else if (c == '\n') NewLine();
            else Put(c);
        }
    }

    private void Control(string arguments, char command)
    {
        var numbers = arguments.TrimStart('?').Split(';').Select(a => int.TryParse(a, out var n) ? n : (int?)null).ToArray();
        var n = numbers.Length > 0 && numbers[0].HasValue ? numbers[0]!.Value : -1;
        switch (command)
        {
            case 'A': _row = Math.Max(0, _row - Math.Max(1, n)); break;
            case 'B': for (var k = 0; k < Math.Max(1, n); k++) Down(); break;
            case 'C': _column = Math.Min(_width - 1, _column + Math.Max(1, n)); break;
            case 'D': _column = Math.Max(0, _column - Math.Max(1, n)); break;
            case 'G': _column = Math.Max(0, Math.Max(1, n) - 1); break;
            case 'K':
                var line = _rows[_row];
                if (n <= 0) Array.Fill(line, ' ', _column, _width - _column);
                else if (n == 1) Array.Fill(line, ' ', 0, _column + 1);
                else Array.Fill(line, ' ');
                break;
            case 'J':
                if (n <= 0)
                {
                    Array.Fill(_rows[_row], ' ', _column, _width - _column);
                    for (var r = _row + 1; r < _rows.Count; r++) Array.Fill(_rows[r], ' ');
                }
                break;
            default: break; // colours (m), cursor visibility (h, l) and the rest do not move text
        }
    }

    private void Put(char c)
    {
        if (_column >= _width)
        {
            Wrapped++;
            NewLine();
        }
        _rows[_row][_column++] = c;
    }

    private void NewLine()
    {
        _column = 0;
        Down();
    }

    private void Down()
    {
        _row++;
        if (_row == _rows.Count) _rows.Add(Blank());
    }

    private char[] Blank() => Enumerable.Repeat(' ', _width).ToArray();
}
