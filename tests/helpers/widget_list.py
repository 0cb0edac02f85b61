"""A notebook re-creating ipywidgets' "Widget List": one cell per widget type, each set to a value
the tests can look for (written here for essaykit; the list of widgets follows ipywidgets' docs)."""

from __future__ import annotations

from helpers.notebooks import code_cell, md_cell, notebook

# (name, code) - each cell's last line displays the widget; the names are what tests look up.
WIDGETS: list[tuple[str, str]] = [
    ("IntSlider", "w.IntSlider(value=7, min=0, max=10, step=1, description='Test:')"),
    ("FloatSlider", "w.FloatSlider(value=7.5, min=0, max=10.0, step=0.1, description='Float:', readout_format='.1f')"),
    ("VerticalSlider", "w.FloatSlider(value=3.0, min=0, max=10.0, description='Vertical:', orientation='vertical')"),
    ("FloatLogSlider", "w.FloatLogSlider(value=10, base=10, min=-10, max=10, step=0.2, description='Log:')"),
    ("IntRangeSlider", "w.IntRangeSlider(value=[5, 7], min=0, max=10, description='Range:')"),
    ("FloatRangeSlider", "w.FloatRangeSlider(value=[2.5, 7.5], min=0, max=10.0, description='FRange:')"),
    ("IntProgress", "w.IntProgress(value=7, min=0, max=10, description='Loading:', bar_style='success')"),
    ("FloatProgress", "w.FloatProgress(value=3.5, min=0, max=10.0, description='FLoading:', bar_style='danger')"),
    ("BoundedIntText", "w.BoundedIntText(value=7, min=0, max=10, description='BText:')"),
    ("FloatText", "w.FloatText(value=7.5, description='FText:')"),
    ("ToggleButton", "w.ToggleButton(value=True, description='Click me', button_style='info', icon='check')"),
    ("Checkbox", "w.Checkbox(value=True, description='Check me')"),
    ("Valid", "w.Valid(value=False, description='Valid!')"),
    ("Dropdown", "w.Dropdown(options=['1', '2', '3'], value='2', description='Number:')"),
    ("RadioButtons", "w.RadioButtons(options=['pepperoni', 'pineapple', 'anchovies'], value='pineapple', description='Topping:')"),
    ("Select", "w.Select(options=['Linux', 'Windows', 'macOS'], value='macOS', rows=3, description='OS:')"),
    ("SelectionSlider", "w.SelectionSlider(options=['scrambled', 'sunny side up', 'over easy'], value='sunny side up', description='Eggs:')"),
    ("ToggleButtons", "w.ToggleButtons(options=['Slow', 'Regular', 'Fast'], value='Regular', description='Speed:', button_style='warning')"),
    ("SelectMultiple", "w.SelectMultiple(options=['Apples', 'Oranges', 'Pears'], value=['Oranges', 'Pears'], rows=3, description='Fruits')"),
    ("Text", "w.Text(value='Hello World', placeholder='Type something', description='String:')"),
    ("Textarea", "w.Textarea(value='Hello\\nWorld', description='Area:')"),
    ("Combobox", "w.Combobox(value='Chocolate', options=['Chocolate', 'Coconut'], description='Combo:')"),
    ("Password", "w.Password(value='secret', description='Password:')"),
    ("Label", "w.HBox([w.Label(value='The $m$ in $E=mc^2$:'), w.FloatSlider(value=2.0, description='m')])"),
    ("HTML", "w.HTML(value='Hello <b>World</b>', description='Some HTML')"),
    ("HTMLMath", "w.HTMLMath(value=r'Some math: $x^2+1$ and $$\\frac{a}{b}$$', description='Math')"),
    ("Button", "w.Button(description='Click me', button_style='danger', tooltip='Click me', icon='check')"),
    ("Play", "w.Play(value=50, min=0, max=100, step=1, interval=500, description='Press play')"),
    ("DatePicker", "import datetime\nw.DatePicker(value=datetime.date(2024, 3, 14), description='Pick a Date')"),
    ("ColorPicker", "w.ColorPicker(concise=False, description='Pick a color', value='#0000ff')"),
    ("Box", "w.Box([w.Label(value=str(i)) for i in range(4)])"),
    ("VBox", "w.VBox([w.Button(description='top'), w.Button(description='bottom')])"),
    ("GridBox", "w.GridBox([w.Button(description=f'cell {i}') for i in range(6)], "
                "layout=w.Layout(grid_template_columns='repeat(3, 160px)'))"),
    ("Accordion", "acc = w.Accordion(children=[w.IntSlider(value=3), w.Text(value='in two')], titles=('Slider', 'Text'))\n"
                  "acc.selected_index = 0\nacc"),
    ("Tab", "tab = w.Tab(children=[w.Text(value='first page'), w.Text(value='second page')])\n"
            "tab.titles = ['One', 'Two']\ntab.selected_index = 1\ntab"),
    ("Output", "out = w.Output(layout={'border': '1px solid black'})\nwith out:\n    print('printed inside')\nout"),
    ("interact", "@w.interact(x=6)\ndef double(x):\n    return x * 2"),
    ("jslink", "a = w.IntSlider(value=4, description='a')\nb = w.IntSlider(value=4, description='b')\n"
               "w.jslink((a, 'value'), (b, 'value'))\nw.VBox([a, b])"),
]


def widget_list_notebook() -> dict:
    cells = [md_cell("# Widget list\n\nEvery standard widget, saved with its state.")]
    cells.append(code_cell("import ipywidgets as w", tags=["remove-input"]))
    for name, code in WIDGETS:
        cells.append(md_cell(f"## {name}"))
        cells.append(code_cell(code))
    return notebook(cells, essay={"title": "Widget list", "slug": "widget-list"})
