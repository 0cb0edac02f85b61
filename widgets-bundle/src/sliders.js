// ipywidgets' sliders draw noUiSlider handles with role="slider" and no name, so a screen reader
// announces only the value ("7, slider"). These views name each handle after the widget's
// description, the label the reader sees beside it.

import * as controls from '@jupyter-widgets/controls';

function named(View) {
  return class extends View {
    render() {
      super.render();
      this.nameHandles();
    }

    update(options) {
      super.update(options);
      this.nameHandles();
    }

    nameHandles() {
      const name = this.model.get('description') || '';
      for (const handle of this.el.querySelectorAll('[role="slider"]')) {
        if (name) {
          handle.setAttribute('aria-label', name);
        } else {
          handle.removeAttribute('aria-label');
        }
      }
    }
  };
}

const SLIDERS = ['IntSliderView', 'FloatSliderView', 'FloatLogSliderView', 'IntRangeSliderView',
  'FloatRangeSliderView', 'SelectionSliderView', 'SelectionRangeSliderView'];

export const views = Object.fromEntries(SLIDERS.filter((name) => controls[name]).map((name) => [name, named(controls[name])]));
