"""The follow-up's rows as a panel that cannot add, delete or reorder them.

The rows are the guarantee's commitments for the year (`YearlyFollowUp.keep_in_step`), so the
formset has no delete box, no empty form and no ordering, and refuses a submission whose rows
are not exactly the follow-up's own: a row left out, sent twice or made up is a crafted
request, answered by the edit view with a 400 (admin_views.FollowUpEditView).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel, Panel

# The form's refusal and the model's (CommitmentOutcome.clean) are this one text.
ROWS_ARE_FIXED = _(
    "Raderna är garantins åtaganden för året. De kan inte tas bort eller läggas till för hand."
)


class FixedRowsFormSet(BaseChildFormSet):
    tampered = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # modelcluster orders every Orderable's formset; these rows keep the order they were
        # created in, so no ORDER field is read (its forms are built later, on first use).
        self.can_order = False

    def clean(self):
        super().clean()
        if self.instance.pk is None:
            return
        own = set(getattr(self.instance, self.rel_name).values_list("pk", flat=True))
        sent = [form.instance.pk for form in self.forms]
        if None in sent or len(sent) != len(set(sent)) or set(sent) != own:
            self.tampered = True
            raise forms.ValidationError(ROWS_ARE_FIXED, code="rows_are_fixed")


class FixedRowsPanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name].update(
            formset=FixedRowsFormSet,
            extra=0,
            can_delete=False,
            min_num=None,
            validate_min=False,
            max_num=None,
            validate_max=False,
        )
        return options

    class BoundPanel(Panel.BoundPanel):
        template_name = "followup/admin/fixed_rows_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.label = self.panel.label
            self.children = []
            if self.form is None:
                return
            self.formset = self.form.formsets[self.panel.relation_name]
            for index, subform in enumerate(self.formset.forms):
                self.children.append(
                    self.panel.child_edit_handler.get_bound_panel(
                        instance=subform.instance,
                        request=self.request,
                        form=subform,
                        prefix=f"{self.prefix}-{index}",
                    )
                )

        def get_comparison(self):
            return InlinePanel.BoundPanel.get_comparison(self)
