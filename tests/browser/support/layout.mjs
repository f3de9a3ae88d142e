// Whether a page fits a phone's width, whatever the length of the texts staff type into
// it: a <select> is as wide as its longest option, so the check first gives every option
// a label far longer than any team or unit name, measures, then puts the labels back.
// A control that sets its container's width then shows, whatever fonts the machine has.
const LONG_LABEL = `湖里区学雷锋志愿服务队伍名称很长很长 Huli District volunteer team with a very long name `.repeat(3);

/// How many CSS pixels the page scrolls sideways (0 when it fits).
export function overflowsBy(page) {
  return page.evaluate((label) => {
    const options = [...document.querySelectorAll('option')];
    const before = options.map((option) => option.getAttribute('label'));
    for (const option of options) option.setAttribute('label', label);
    const overflow = Math.max(0, document.documentElement.scrollWidth - window.innerWidth);
    options.forEach((option, i) => {
      if (before[i] === null) option.removeAttribute('label');
      else option.setAttribute('label', before[i]);
    });
    return overflow;
  }, LONG_LABEL);
}
