"""Factories for tips, shared by the tests and the demo content."""

import factory
import wagtail_factories

from tips.models import Tip, TipCollectionIndexPage, TipCollectionPage


class TipCollectionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Tips"
    slug = "tips"
    introduction = "<p>Praktische tips van gemeenten, organisaties en initiatieven.</p>"

    class Meta:
        model = TipCollectionIndexPage


class TipCollectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tips uit bijeenkomst {n}")
    introduction = "<p>Tips die deelnemers met elkaar deelden.</p>"
    occasion = "Bijeenkomst met lokale initiatiefnemers"
    organisers = "Stimuland, ministerie van BZK"

    class Meta:
        model = TipCollectionPage


class TipFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(TipCollectionPageFactory)
    title = factory.Sequence(lambda n: f"Tip nummer {n}")
    body = "<p>Vraag mensen persoonlijk om mee te doen.</p>"
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Tip
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if extracted:
            self.audiences.set(extracted)
            if create:
                self.save()
