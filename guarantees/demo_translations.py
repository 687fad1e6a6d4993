"""The demo's guarantees in its other languages, as a translator wrote them.

`load_demo` hands these to home/demo_languages.py, which saves them as wagtail-localize's
string translations and publishes every page whose strings are all here: the city-wide
commitments on the home page, the four service areas, and one guarantee of each kind
(Förskolan Solrosen, Ängsbyskolan, Hemtjänst Centrum, Ängsby stadsbibliotek) in English,
Finnish, Arabic and easy-to-read Swedish. The other guarantees are left untranslated, so the
demo also shows a page falling back to Swedish.

Each row: Swedish, English, Finnish, Arabic, easy-to-read Swedish.
"""

LANGUAGE_COLUMNS = ("en", "fi", "ar", "sv-x-easy")

ROWS = [
    # --- City-wide commitments (on the home page) ---------------------------------------
    (
        "Du blir bemött med respekt, vänlighet och engagemang.",
        "You are treated with respect, kindness and commitment.",
        "Sinua kohdellaan kunnioittavasti, ystävällisesti ja sitoutuneesti.",
        "نتعامل معك باحترام ولطف واهتمام.",
        "Vi är vänliga mot dig och visar dig respekt.",
    ),
    (
        "Minst 90 procent av de svarande i kommunens årliga brukarundersökningar instämmer i "
        "att de blir bemötta med respekt.",
        "At least 90 per cent of those answering the municipality's yearly user surveys agree "
        "that they are treated with respect.",
        "Vähintään 90 prosenttia kunnan vuosittaisiin asiakaskyselyihin vastanneista on samaa "
        "mieltä siitä, että heitä kohdellaan kunnioittavasti.",
        "يوافق 90 في المئة على الأقل من المشاركين في استطلاعات البلدية السنوية على أنهم يُعامَلون "
        "باحترام.",
        "Varje år frågar vi vad du tycker. Minst 9 av 10 ska svara att vi visar dem respekt.",
    ),
    (
        "Alla medarbetare går kommunens utbildning i bemötande och vi tar upp bemötande på "
        "arbetsplatsträffar varje kvartal.",
        "All staff take the municipality's course in treating people well, and we discuss it "
        "at staff meetings every quarter.",
        "Kaikki työntekijät käyvät kunnan asiakaspalvelukoulutuksen, ja käsittelemme "
        "asiakkaiden kohtaamista työpaikkakokouksissa neljännesvuosittain.",
        "يحضر جميع الموظفين دورة البلدية في حسن التعامل، ونناقش حسن التعامل في اجتماعات العمل كل "
        "ثلاثة أشهر.",
        "Alla som arbetar hos oss går en kurs i hur man är mot andra. Vi pratar om det på "
        "våra möten fyra gånger om året.",
    ),
    (
        "Kommungemensam fråga i varje brukarundersökning.",
        "A question shared by the whole municipality in every user survey.",
        "Koko kunnan yhteinen kysymys jokaisessa asiakaskyselyssä.",
        "سؤال مشترك للبلدية كلها في كل استطلاع للمستخدمين.",
        "Vi ställer samma fråga i alla enkäter.",
    ),
    (
        "Du får svar på dina synpunkter och klagomål inom två arbetsdagar.",
        "You get an answer to your feedback and complaints within two working days.",
        "Saat vastauksen palautteeseesi ja valituksiisi kahden arkipäivän kuluessa.",
        "تحصل على رد على ملاحظاتك وشكاواك خلال يومَي عمل.",
        "Du får svar inom två dagar när du har sagt vad du tycker.",
    ),
    (
        "Minst 95 procent av synpunkterna besvaras inom två arbetsdagar.",
        "At least 95 per cent of feedback is answered within two working days.",
        "Vähintään 95 prosenttia palautteista vastataan kahden arkipäivän kuluessa.",
        "يُرَدّ على 95 في المئة على الأقل من الملاحظات خلال يومَي عمل.",
        "Minst 95 av 100 får svar inom två dagar.",
    ),
    (
        "Synpunkter registreras och fördelas samma dag de kommer in.",
        "Feedback is registered and passed on the day it arrives.",
        "Palaute kirjataan ja välitetään eteenpäin samana päivänä, kun se saapuu.",
        "تُسجَّل الملاحظات وتُحال في اليوم نفسه الذي تصل فيه.",
        "Vi skriver upp det du säger samma dag och skickar det till rätt person.",
    ),
    (
        "Uttag ur synpunktsregistret varje månad.",
        "A report from the feedback register every month.",
        "Raportti palauterekisteristä joka kuukausi.",
        "تقرير من سجل الملاحظات كل شهر.",
        "Vi räknar varje månad.",
    ),
    (
        "Du når oss på telefon och e-post under kontorstid.",
        "You can reach us by phone and e-mail during office hours.",
        "Tavoitat meidät puhelimitse ja sähköpostitse virka-aikana.",
        "يمكنك التواصل معنا بالهاتف والبريد الإلكتروني خلال ساعات العمل.",
        "Du kan ringa eller mejla oss på dagen.",
    ),
    (
        "Minst 85 procent av samtalen besvaras inom tre minuter och e-post inom en arbetsdag.",
        "At least 85 per cent of calls are answered within three minutes, and e-mail within "
        "one working day.",
        "Vähintään 85 prosenttia puheluista vastataan kolmen minuutin kuluessa ja sähköposteihin "
        "yhden arkipäivän kuluessa.",
        "يُرَدّ على 85 في المئة على الأقل من المكالمات خلال ثلاث دقائق، وعلى البريد الإلكتروني "
        "خلال يوم عمل واحد.",
        "Vi svarar i telefon inom tre minuter. Vi svarar på mejl inom en dag.",
    ),
    (
        "Kontaktcenter tar emot samtal vardagar 8–17 och lotsar vidare.",
        "The contact centre takes calls on weekdays 8–17 and guides you onwards.",
        "Asiakaspalvelukeskus vastaa puheluihin arkisin klo 8–17 ja ohjaa eteenpäin.",
        "يستقبل مركز الاتصال المكالمات أيام الأسبوع من 8 إلى 17 ويوجّهك إلى الجهة المناسبة.",
        "Du kan ringa kontaktcenter måndag till fredag klockan 8–17. De hjälper dig vidare.",
    ),
    (
        "Statistik från växeln och e-postsystemet varje månad.",
        "Statistics from the switchboard and the e-mail system every month.",
        "Tilastot puhelinvaihteesta ja sähköpostijärjestelmästä joka kuukausi.",
        "إحصاءات من مقسم الهاتف ونظام البريد الإلكتروني كل شهر.",
        "Vi räknar samtal och mejl varje månad.",
    ),
    # How a unit of each area is named in "There is no … in Sjövik" (UNIT_NOUNS): in the
    # other languages the word as it reads in that sentence, in easy Swedish with en/ett.
    ("en förskola", "preschool", "esikoulu", "روضة", "en förskola"),
    ("en grundskola", "school", "peruskoulu", "مدرسة", "en skola"),
    (
        "en hemtjänstgrupp",
        "home-care team",
        "kotihoitotiimi",
        "فريق رعاية منزلية",
        "en hemtjänstgrupp",
    ),
    ("ett bibliotek", "library", "kirjasto", "مكتبة", "ett bibliotek"),
    # --- Förskola --------------------------------------------------------------------------
    ("Förskola", "Preschool", "Esikoulu", "الروضة", "Förskola"),
    (
        "Förskolan är till för barn från ett år tills de börjar förskoleklass. Här ser du vad "
        "varje förskola lovar dig och ditt barn och vad som händer om vi inte håller det.",
        "Preschool is for children from the age of one until they start preschool class. Here "
        "you see what each preschool promises you and your child, and what happens if we do "
        "not keep it.",
        "Esikoulu on lapsille yksivuotiaasta siihen asti, kun he aloittavat esiluokan. Täällä "
        "näet, mitä kukin esikoulu lupaa sinulle ja lapsellesi ja mitä tapahtuu, jos emme pidä "
        "lupaustamme.",
        "الروضة للأطفال من عمر سنة حتى يبدؤوا الصف التمهيدي. هنا ترى ما تعدك به كل روضة أنت "
        "وطفلك، وما يحدث إذا لم نفِ بوعدنا.",
        "Förskolan är för barn som är mellan ett och sex år. Här kan du läsa vad förskolan "
        "lovar dig och ditt barn. Du kan också läsa vad som händer om vi inte gör det vi lovat.",
    ),
    (
        "Du får en plats inom fyra månader.",
        "You get a place within four months.",
        "Saat paikan neljän kuukauden kuluessa.",
        "تحصل على مكان خلال أربعة أشهر.",
        "Ditt barn får en plats inom fyra månader.",
    ),
    (
        "Alla som ansökt om förskoleplats erbjuds plats inom fyra månader från önskat startdatum.",
        "Everyone who has applied for a preschool place is offered one within four months of "
        "the start date they asked for.",
        "Kaikille esikoulupaikkaa hakeneille tarjotaan paikka neljän kuukauden kuluessa "
        "toivotusta aloituspäivästä.",
        "يُعرَض مكان على كل من تقدّم بطلب للحصول على مكان في الروضة خلال أربعة أشهر من تاريخ "
        "البدء المطلوب.",
        "Alla som söker får en plats inom fyra månader från den dag de vill börja.",
    ),
    (
        "Placeringsenheten planerar platser ett år framåt och erbjuder plats i första hand på "
        "den förskola du önskat.",
        "The placement office plans places a year ahead and offers a place first at the "
        "preschool you asked for.",
        "Sijoitusyksikkö suunnittelee paikat vuoden eteenpäin ja tarjoaa paikkaa ensisijaisesti "
        "toivomastasi esikoulusta.",
        "يخطّط مكتب التوزيع للأماكن قبل سنة، ويعرض مكانًا أولًا في الروضة التي اخترتها.",
        "Vi planerar platserna ett år i förväg. Vi försöker ge dig plats på den förskola du vill.",
    ),
    (
        "Uppföljning i placeringssystemet varje månad.",
        "A check in the placement system every month.",
        "Seuranta sijoitusjärjestelmässä joka kuukausi.",
        "متابعة في نظام التوزيع كل شهر.",
        "Vi kontrollerar varje månad.",
    ),
    (
        "Förskolan följer läroplanen och arbetar med barnens lärande.",
        "The preschool follows the curriculum and works with the children's learning.",
        "Esikoulu noudattaa opetussuunnitelmaa ja tukee lasten oppimista.",
        "تتبع الروضة المنهج الدراسي وتعمل على تعلّم الأطفال.",
        "Förskolan hjälper barnen att lära sig saker.",
    ),
    (
        "Minst 90 procent av vårdnadshavarna instämmer i att förskolan stimulerar barnets "
        "utveckling och lärande.",
        "At least 90 per cent of parents agree that the preschool encourages their child's "
        "development and learning.",
        "Vähintään 90 prosenttia huoltajista on samaa mieltä siitä, että esikoulu tukee lapsen "
        "kehitystä ja oppimista.",
        "يوافق 90 في المئة على الأقل من أولياء الأمور على أن الروضة تحفّز نمو الطفل وتعلّمه.",
        "Minst 9 av 10 föräldrar ska tycka att barnet lär sig mycket på förskolan.",
    ),
    (
        "Varje förskola gör en årlig plan utifrån läroplanen och följer upp den.",
        "Every preschool makes a yearly plan based on the curriculum and follows it up.",
        "Jokainen esikoulu tekee opetussuunnitelman pohjalta vuosisuunnitelman ja seuraa sen "
        "toteutumista.",
        "تضع كل روضة خطة سنوية وفق المنهج الدراسي وتتابع تنفيذها.",
        "Varje förskola gör en plan för året och ser efter att den följs.",
    ),
    (
        "Kommunens vårdnadshavarenkät varje vår.",
        "The municipality's survey of parents every spring.",
        "Kunnan huoltajakysely joka kevät.",
        "استطلاع البلدية لأولياء الأمور كل ربيع.",
        "Varje vår får föräldrarna svara på frågor.",
    ),
    (
        "Förskolan Solrosen",
        "Solrosen Preschool",
        "Esikoulu Solrosen",
        "روضة Solrosen",
        "Förskolan Solrosen",
    ),
    (
        "Solrosen är en förskola med fem avdelningar mitt i Ängsby. Vi vill att varje barn ska "
        "känna sig sett, tryggt och nyfiket. Leken är vårt viktigaste verktyg och naturen runt "
        "hörnet vårt andra klassrum.",
        "Solrosen is a preschool with five groups in the centre of Ängsby. We want every child "
        "to feel seen, safe and curious. Play is our most important tool, and the nature round "
        "the corner our second classroom.",
        "Solrosen on viiden ryhmän esikoulu keskellä Ängsbytä. Haluamme, että jokainen lapsi "
        "tuntee itsensä nähdyksi, turvalliseksi ja uteliaaksi. Leikki on tärkein työkalumme ja "
        "kulman takana oleva luonto toinen luokkahuoneemme.",
        "Solrosen روضة فيها خمسة أقسام في وسط Ängsby. نريد أن يشعر كل طفل بأنه مرئي وآمن "
        "ومحبّ للاستطلاع. اللعب أهم أداة لدينا، والطبيعة القريبة منا هي صفّنا الثاني.",
        "Solrosen är en förskola mitt i Ängsby. Den har fem avdelningar. Vi vill att alla barn "
        "ska känna sig trygga och glada. Barnen lär sig mycket när de leker. Vi är ofta ute i "
        "naturen.",
    ),
    (
        "Förskolechefen",
        "The head of the preschool",
        "Esikoulun johtaja",
        "مديرة الروضة",
        "Förskolechefen",
    ),
    (
        "Om vi inte har hållit ett åtagande kontaktar förskolechefen dig inom två arbetsdagar, "
        "förklarar vad som hänt och berättar vad vi gör för att rätta till det. Har du betalat "
        "för en tjänst du inte fått kan du få avgiften nedsatt enligt nämndens beslut.",
        "If we have not kept a commitment, the head of the preschool contacts you within two "
        "working days, explains what happened and tells you what we are doing to put it right. "
        "If you have paid for a service you did not get, your fee can be reduced as the "
        "committee has decided.",
        "Jos emme ole pitäneet lupaustamme, esikoulun johtaja ottaa sinuun yhteyttä kahden "
        "arkipäivän kuluessa, kertoo mitä tapahtui ja mitä teemme asian korjaamiseksi. Jos olet "
        "maksanut palvelusta, jota et saanut, maksuasi voidaan alentaa lautakunnan päätöksen "
        "mukaisesti.",
        "إذا لم نفِ بأحد التزاماتنا، تتصل بك مديرة الروضة خلال يومَي عمل، وتشرح ما حدث وتخبرك "
        "بما نفعله لتصحيحه. وإذا دفعت مقابل خدمة لم تحصل عليها، يمكن تخفيض الرسوم وفق قرار "
        "اللجنة.",
        "Om vi inte gör det vi lovat ringer förskolechefen dig inom två dagar. Hon berättar "
        "vad som hänt och vad vi gör nu. Har du betalat för något du inte fått? Då kan du få "
        "betala mindre.",
    ),
    (
        "Är du inte nöjd kan du vända dig till Barn- och utbildningsförvaltningen, telefon "
        "0123-45 67 00. Du kan också kontakta Skolinspektionen.",
        "If you are not satisfied, you can turn to the Children and Education Department, "
        "phone 0123-45 67 00. You can also contact the Swedish Schools Inspectorate.",
        "Jos et ole tyytyväinen, voit ottaa yhteyttä lasten- ja koulutushallintoon, puhelin "
        "0123-45 67 00. Voit myös ottaa yhteyttä Ruotsin kouluvirastoon (Skolinspektionen).",
        "إذا لم تكن راضيًا، يمكنك التوجّه إلى إدارة الأطفال والتعليم على الهاتف 0123-45 67 00. "
        "ويمكنك أيضًا التواصل مع هيئة التفتيش المدرسي.",
        "Är du inte nöjd? Ring Barn- och utbildningsförvaltningen på 0123-45 67 00. Du kan "
        "också kontakta Skolinspektionen.",
    ),
    (
        "Vardagar 6.30–18.00",
        "Weekdays 6.30–18.00",
        "Arkisin 6.30–18.00",
        "أيام الأسبوع 6.30–18.00",
        "Måndag till fredag 6.30–18.00",
    ),
    (
        "Vardagar 7.30–16.00",
        "Weekdays 7.30–16.00",
        "Arkisin 7.30–16.00",
        "أيام الأسبوع 7.30–16.00",
        "Måndag till fredag 7.30–16.00",
    ),
    (
        "Anna Berg, förskolechef",
        "Anna Berg, head of preschool",
        "Anna Berg, esikoulun johtaja",
        "Anna Berg، مديرة الروضة",
        "Anna Berg, förskolechef",
    ),
    (
        "Ditt barn har en egen kontaktpedagog från första dagen.",
        "Your child has their own key teacher from the first day.",
        "Lapsellasi on oma yhteyspedagogi ensimmäisestä päivästä alkaen.",
        "لطفلك مربٍّ مسؤول خاص به منذ اليوم الأول.",
        "Ditt barn har en egen lärare som tar hand om det från första dagen.",
    ),
    (
        "Minst 95 procent av vårdnadshavarna vet vem som är barnets kontaktpedagog.",
        "At least 95 per cent of parents know who their child's key teacher is.",
        "Vähintään 95 prosenttia huoltajista tietää, kuka on lapsen yhteyspedagogi.",
        "يعرف 95 في المئة على الأقل من أولياء الأمور من هو المربي المسؤول عن طفلهم.",
        "Minst 95 av 100 föräldrar vet vem som är barnets lärare.",
    ),
    (
        "Kontaktpedagogen tar emot er vid inskolningen och håller ett uppföljningssamtal efter "
        "sex veckor.",
        "The key teacher welcomes you during the settling-in period and holds a follow-up talk "
        "after six weeks.",
        "Yhteyspedagogi ottaa teidät vastaan tutustumisjakson aikana ja pitää seurantakeskustelun "
        "kuuden viikon kuluttua.",
        "يستقبلكم المربي المسؤول في فترة التعوّد، ويجري معكم محادثة متابعة بعد ستة أسابيع.",
        "Läraren tar emot er de första dagarna. Efter sex veckor pratar ni om hur det går.",
    ),
    (
        "Vårdnadshavarenkät varje vår.",
        "A survey of parents every spring.",
        "Huoltajakysely joka kevät.",
        "استطلاع لأولياء الأمور كل ربيع.",
        "Föräldrarna svarar på frågor varje vår.",
    ),
    (
        "Du får veta hur ditt barn har haft det under dagen.",
        "You hear how your child's day has been.",
        "Saat tietää, miten lapsesi päivä on sujunut.",
        "تعرف كيف قضى طفلك يومه.",
        "Vi berättar hur ditt barn har haft det under dagen.",
    ),
    (
        "Minst 90 procent av vårdnadshavarna instämmer i att de får veta hur barnet haft det.",
        "At least 90 per cent of parents agree that they hear how their child's day has been.",
        "Vähintään 90 prosenttia huoltajista on samaa mieltä siitä, että he saavat tietää, miten "
        "lapsen päivä on sujunut.",
        "يوافق 90 في المئة على الأقل من أولياء الأمور على أنهم يعرفون كيف قضى الطفل يومه.",
        "Minst 9 av 10 föräldrar ska säga att de får veta hur barnet haft det.",
    ),
    (
        "Vi berättar om dagen vid hämtning och lägger ut bilder och texter i lärplattformen "
        "varje vecka.",
        "We tell you about the day at pick-up and post pictures and texts on the learning "
        "platform every week.",
        "Kerromme päivästä hakiessasi lasta ja julkaisemme kuvia ja tekstejä oppimisalustalla "
        "joka viikko.",
        "نحدّثك عن اليوم عندما تأتي لأخذ طفلك، وننشر صورًا ونصوصًا على منصة التعلّم كل أسبوع.",
        "När du hämtar barnet berättar vi om dagen. Varje vecka lägger vi ut bilder och text "
        "på nätet.",
    ),
    (
        "Ditt barn är ute varje dag, oavsett väder.",
        "Your child is outdoors every day, whatever the weather.",
        "Lapsesi ulkoilee joka päivä säästä riippumatta.",
        "يخرج طفلك إلى الهواء الطلق كل يوم مهما كان الطقس.",
        "Ditt barn är ute varje dag, också när det regnar.",
    ),
    (
        "Barnen har utevistelse minst en timme varje dag under minst 95 procent av årets dagar.",
        "The children are outdoors for at least an hour a day on at least 95 per cent of the "
        "days of the year.",
        "Lapset ulkoilevat vähintään tunnin päivässä vähintään 95 prosenttina vuoden päivistä.",
        "يقضي الأطفال ساعة على الأقل في الهواء الطلق يوميًا في 95 في المئة على الأقل من أيام السنة.",
        "Barnen är ute minst en timme om dagen. Det gäller nästan alla dagar på året.",
    ),
    (
        "Utevistelsen är planerad i veckoschemat och vi har extrakläder för barn som behöver.",
        "Outdoor time is planned in the weekly schedule, and we have spare clothes for children "
        "who need them.",
        "Ulkoilu on suunniteltu viikko-ohjelmaan, ja meillä on varavaatteita niitä tarvitseville "
        "lapsille.",
        "وقت اللعب في الخارج مخطّط له في الجدول الأسبوعي، ولدينا ملابس إضافية للأطفال الذين "
        "يحتاجونها.",
        "Tiden ute står i schemat. Vi har extra kläder till barn som behöver.",
    ),
    (
        "Avdelningarna för logg över utevistelse som sammanställs varje termin.",
        "The groups keep a log of outdoor time, which is compiled every term.",
        "Ryhmät pitävät ulkoilusta kirjaa, joka kootaan yhteen joka lukukausi.",
        "تحتفظ الأقسام بسجلّ لوقت اللعب في الخارج يُجمَع كل فصل دراسي.",
        "Vi skriver upp hur länge barnen är ute och räknar ihop det varje termin.",
    ),
    # --- Grundskola -----------------------------------------------------------------------
    ("Grundskola", "Compulsory school", "Peruskoulu", "المدرسة الأساسية", "Grundskola"),
    (
        "Grundskolan omfattar förskoleklass och årskurs 1–9. Alla skolor i Ängsby, kommunala "
        "och fristående, visar här vad de lovar elever och vårdnadshavare.",
        "Compulsory school covers preschool class and years 1–9. Every school in Ängsby, "
        "municipal and independent, shows here what it promises pupils and parents.",
        "Peruskouluun kuuluvat esiluokka ja vuosiluokat 1–9. Kaikki Ängsbyn koulut, kunnalliset "
        "ja yksityiset, kertovat täällä, mitä ne lupaavat oppilaille ja huoltajille.",
        "تشمل المدرسة الأساسية الصف التمهيدي والصفوف من 1 إلى 9. تعرض هنا كل مدارس Ängsby، "
        "البلدية والمستقلة، ما تعد به التلاميذ وأولياء الأمور.",
        "Grundskolan är förskoleklass och årskurs 1 till 9. Här kan du läsa vad skolorna i "
        "Ängsby lovar elever och föräldrar.",
    ),
    (
        "Alla elever ska nå kunskapskraven.",
        "Every pupil is to reach the knowledge requirements.",
        "Jokaisen oppilaan tulee saavuttaa tietovaatimukset.",
        "يجب أن يبلغ كل تلميذ متطلبات المعرفة.",
        "Alla elever ska lära sig det de behöver.",
    ),
    (
        "Minst 85 procent av eleverna i årskurs 9 är behöriga till gymnasieskolans yrkesprogram.",
        "At least 85 per cent of pupils in year 9 are eligible for upper secondary vocational "
        "programmes.",
        "Vähintään 85 prosenttia 9. luokan oppilaista on kelpoisia lukion ammatillisille "
        "ohjelmille.",
        "يكون 85 في المئة على الأقل من تلاميذ الصف التاسع مؤهّلين للبرامج المهنية في المرحلة "
        "الثانوية.",
        "Minst 85 av 100 elever i årskurs 9 ska kunna börja på gymnasiet.",
    ),
    (
        "Skolorna följer upp varje elevs kunskapsutveckling varje termin och sätter in stöd "
        "tidigt.",
        "The schools follow each pupil's progress every term and give support early.",
        "Koulut seuraavat jokaisen oppilaan oppimista joka lukukausi ja antavat tukea ajoissa.",
        "تتابع المدارس تقدّم كل تلميذ في كل فصل دراسي وتقدّم الدعم مبكرًا.",
        "Varje termin ser skolan hur mycket eleven har lärt sig. Eleven får hjälp tidigt.",
    ),
    (
        "Betygsstatistik varje läsår.",
        "Grade statistics every school year.",
        "Arvosanatilastot joka lukuvuosi.",
        "إحصاءات الدرجات كل عام دراسي.",
        "Vi räknar betygen varje år.",
    ),
    (
        "Skolan arbetar aktivt mot kränkande behandling.",
        "The school works actively against degrading treatment.",
        "Koulu toimii aktiivisesti loukkaavaa kohtelua vastaan.",
        "تعمل المدرسة بفاعلية ضد المعاملة المهينة.",
        "Skolan arbetar mot mobbning.",
    ),
    (
        "Varje skola har en aktuell plan mot kränkande behandling och anmälningar utreds inom "
        "en vecka.",
        "Every school has an up-to-date plan against degrading treatment, and reports are "
        "investigated within a week.",
        "Jokaisella koululla on ajantasainen suunnitelma loukkaavaa kohtelua vastaan, ja "
        "ilmoitukset selvitetään viikon kuluessa.",
        "لكل مدرسة خطة محدّثة ضد المعاملة المهينة، ويُحقَّق في البلاغات خلال أسبوع.",
        "Alla skolor har en plan mot mobbning. Om någon blir mobbad tar vi reda på vad som "
        "hänt inom en vecka.",
    ),
    (
        "Rektor anmäler kränkningar till huvudmannen samma dag som de blir kända.",
        "The head teacher reports degrading treatment to the school's governing body on the day "
        "it becomes known.",
        "Rehtori ilmoittaa loukkauksista koulun ylläpitäjälle samana päivänä, kun ne tulevat "
        "tietoon.",
        "يبلّغ مدير المدرسة الجهة المسؤولة عن المدرسة بحالات الإساءة في اليوم نفسه الذي تُعرَف فيه.",
        "Rektorn berättar om mobbning för kommunen samma dag.",
    ),
    (
        "Huvudmannens sammanställning av anmälningar varje termin.",
        "The governing body's summary of reports every term.",
        "Ylläpitäjän koonti ilmoituksista joka lukukausi.",
        "ملخّص الجهة المسؤولة للبلاغات كل فصل دراسي.",
        "Kommunen räknar anmälningarna varje termin.",
    ),
    (
        "Du kan påverka ditt barns skolgång.",
        "You can have a say in your child's schooling.",
        "Voit vaikuttaa lapsesi koulunkäyntiin.",
        "يمكنك التأثير في مسيرة طفلك المدرسية.",
        "Du får vara med och bestämma om ditt barns skola.",
    ),
    (
        "Minst 80 procent av vårdnadshavarna instämmer i att de kan påverka.",
        "At least 80 per cent of parents agree that they can have a say.",
        "Vähintään 80 prosenttia huoltajista on samaa mieltä siitä, että he voivat vaikuttaa.",
        "يوافق 80 في المئة على الأقل من أولياء الأمور على أنهم يستطيعون التأثير.",
        "Minst 8 av 10 föräldrar ska tycka att de får vara med och bestämma.",
    ),
    (
        "Varje skola har ett skolråd där vårdnadshavare och elever deltar.",
        "Every school has a school council where parents and pupils take part.",
        "Jokaisella koululla on kouluneuvosto, johon huoltajat ja oppilaat osallistuvat.",
        "لكل مدرسة مجلس مدرسي يشارك فيه أولياء الأمور والتلاميذ.",
        "Alla skolor har ett skolråd. Där är föräldrar och elever med.",
    ),
    ("Ängsbyskolan", "Ängsby School", "Ängsbyn koulu", "مدرسة Ängsby", "Ängsbyskolan"),
    (
        "Ängsbyskolan är en F–6-skola med fritidshem och 420 elever i centrala Ängsby. Vi vill "
        "att varje elev ska lämna oss med goda kunskaper, tilltro till sin förmåga och lust att "
        "lära mer.",
        "Ängsby School is a school for preschool class to year 6, with after-school care and "
        "420 pupils in central Ängsby. We want every pupil to leave us with sound knowledge, "
        "faith in their own ability and a wish to learn more.",
        "Ängsbyn koulu on esiluokasta 6. luokkaan ulottuva koulu, jossa on iltapäiväkerho ja 420 "
        "oppilasta Ängsbyn keskustassa. Haluamme, että jokainen oppilas lähtee meiltä hyvin "
        "tiedoin, luottaen omiin kykyihinsä ja halukkaana oppimaan lisää.",
        "مدرسة Ängsby مدرسة من الصف التمهيدي حتى الصف السادس، فيها رعاية بعد الدوام و420 "
        "تلميذًا في وسط Ängsby. نريد أن يغادرنا كل تلميذ بمعارف جيدة وثقة بقدراته ورغبة في "
        "تعلّم المزيد.",
        "Ängsbyskolan ligger mitt i Ängsby. Här går 420 elever från förskoleklass till årskurs "
        "6. Det finns också fritids. Vi vill att alla elever ska lära sig mycket och tro på "
        "sig själva.",
    ),
    ("Rektor", "The head teacher", "Rehtori", "مدير المدرسة", "Rektorn"),
    (
        "Om vi inte har hållit ett åtagande kontaktar rektor dig inom två arbetsdagar. Vi "
        "förklarar vad som hänt, vad vi gör för att rätta till det och när du kan räkna med att "
        "det är åtgärdat.",
        "If we have not kept a commitment, the head teacher contacts you within two working "
        "days. We explain what happened, what we are doing to put it right and when you can "
        "expect it to be fixed.",
        "Jos emme ole pitäneet lupaustamme, rehtori ottaa sinuun yhteyttä kahden arkipäivän "
        "kuluessa. Kerromme, mitä tapahtui, mitä teemme asian korjaamiseksi ja milloin asia on "
        "korjattu.",
        "إذا لم نفِ بأحد التزاماتنا، يتصل بك مدير المدرسة خلال يومَي عمل. نشرح ما حدث وما "
        "نفعله لتصحيحه ومتى يمكنك أن تتوقع أن يكون قد عولج.",
        "Om vi inte gör det vi lovat ringer rektorn dig inom två dagar. Rektorn berättar vad "
        "som hänt och vad vi gör nu. Du får veta när det blir bra igen.",
    ),
    (
        "Är du inte nöjd kan du vända dig till Barn- och utbildningsförvaltningen, telefon "
        "0123-45 67 00, eller till Skolinspektionen.",
        "If you are not satisfied, you can turn to the Children and Education Department, "
        "phone 0123-45 67 00, or to the Swedish Schools Inspectorate.",
        "Jos et ole tyytyväinen, voit ottaa yhteyttä lasten- ja koulutushallintoon, puhelin "
        "0123-45 67 00, tai Ruotsin kouluvirastoon (Skolinspektionen).",
        "إذا لم تكن راضيًا، يمكنك التوجّه إلى إدارة الأطفال والتعليم على الهاتف 0123-45 67 00، "
        "أو إلى هيئة التفتيش المدرسي.",
        "Är du inte nöjd? Ring Barn- och utbildningsförvaltningen på 0123-45 67 00. Eller "
        "kontakta Skolinspektionen.",
    ),
    (
        "Skoldagar 8.00–14.30, fritidshem 6.30–18.00",
        "School days 8.00–14.30, after-school care 6.30–18.00",
        "Koulupäivät 8.00–14.30, iltapäiväkerho 6.30–18.00",
        "أيام الدراسة 8.00–14.30، الرعاية بعد الدوام 6.30–18.00",
        "Skolan 8.00–14.30. Fritids 6.30–18.00.",
    ),
    (
        "Per Holm, rektor",
        "Per Holm, head teacher",
        "Per Holm, rehtori",
        "Per Holm، مدير المدرسة",
        "Per Holm, rektor",
    ),
    (
        "Ditt barn har en mentor som följer skolgången.",
        "Your child has a mentor who follows their schooling.",
        "Lapsellasi on mentori, joka seuraa koulunkäyntiä.",
        "لطفلك مرشد يتابع مسيرته المدرسية.",
        "Ditt barn har en mentor. Mentorn är en lärare som följer hur det går i skolan.",
    ),
    (
        "Minst 90 procent av eleverna i årskurs 5 och 8 svarar att de vet vem de kan vända sig "
        "till.",
        "At least 90 per cent of pupils in years 5 and 8 say they know whom they can turn to.",
        "Vähintään 90 prosenttia 5. ja 8. luokan oppilaista vastaa tietävänsä, kenen puoleen "
        "he voivat kääntyä.",
        "يجيب 90 في المئة على الأقل من تلاميذ الصفين الخامس والثامن بأنهم يعرفون إلى من يلجؤون.",
        "Minst 9 av 10 elever ska veta vem de kan prata med.",
    ),
    (
        "Mentorn har enskilda samtal med varje elev minst två gånger per termin.",
        "The mentor talks with each pupil alone at least twice a term.",
        "Mentori keskustelee jokaisen oppilaan kanssa kahden kesken vähintään kaksi kertaa "
        "lukukaudessa.",
        "يجري المرشد محادثة فردية مع كل تلميذ مرتين على الأقل في كل فصل دراسي.",
        "Mentorn pratar med varje elev minst två gånger varje termin.",
    ),
    (
        "Skolenkäten och kommunens elevenkät varje år.",
        "The national school survey and the municipality's pupil survey every year.",
        "Valtakunnallinen koulukysely ja kunnan oppilaskysely joka vuosi.",
        "استطلاع المدارس الوطني واستطلاع البلدية للتلاميذ كل عام.",
        "Eleverna svarar på frågor varje år.",
    ),
    (
        "Du får besked samma dag om ditt barn inte kommit till skolan.",
        "You are told the same day if your child has not come to school.",
        "Saat tiedon samana päivänä, jos lapsesi ei ole tullut kouluun.",
        "يصلك إشعار في اليوم نفسه إذا لم يحضر طفلك إلى المدرسة.",
        "Om ditt barn inte kommer till skolan får du veta det samma dag.",
    ),
    (
        "Vårdnadshavare meddelas senast klockan 10 vid minst 98 procent av ogiltig frånvaro.",
        "Parents are told by 10 o'clock at the latest in at least 98 per cent of cases of "
        "unexcused absence.",
        "Huoltajille ilmoitetaan viimeistään kello 10 vähintään 98 prosentissa luvattomista "
        "poissaoloista.",
        "يُبلَّغ أولياء الأمور قبل الساعة العاشرة في 98 في المئة على الأقل من حالات الغياب بلا عذر.",
        "Föräldrarna får veta före klockan 10. Det gäller nästan alltid.",
    ),
    (
        "Närvaro registreras vid första lektionen och frånvaromeddelandet skickas automatiskt.",
        "Attendance is registered at the first lesson and the absence message is sent "
        "automatically.",
        "Läsnäolo kirjataan ensimmäisellä tunnilla, ja poissaoloilmoitus lähtee automaattisesti.",
        "يُسجَّل الحضور في الدرس الأول، ويُرسَل إشعار الغياب تلقائيًا.",
        "Läraren skriver upp vilka som är där på första lektionen. Sedan skickas ett "
        "meddelande till dig.",
    ),
    (
        "Uttag ur närvarosystemet varje månad.",
        "A report from the attendance system every month.",
        "Raportti läsnäolojärjestelmästä joka kuukausi.",
        "تقرير من نظام الحضور كل شهر.",
        "Vi räknar varje månad.",
    ),
    (
        "Ditt barn ska känna sig tryggt i skolan.",
        "Your child is to feel safe at school.",
        "Lapsesi tulee tuntea olonsa turvalliseksi koulussa.",
        "يجب أن يشعر طفلك بالأمان في المدرسة.",
        "Ditt barn ska känna sig tryggt i skolan.",
    ),
    (
        "Minst 90 procent av eleverna instämmer i att de känner sig trygga i skolan.",
        "At least 90 per cent of pupils agree that they feel safe at school.",
        "Vähintään 90 prosenttia oppilaista on samaa mieltä siitä, että he tuntevat olonsa "
        "turvalliseksi koulussa.",
        "يوافق 90 في المئة على الأقل من التلاميذ على أنهم يشعرون بالأمان في المدرسة.",
        "Minst 9 av 10 elever ska känna sig trygga.",
    ),
    (
        "Rastvärdar finns ute på varje rast och trygghetsteamet går igenom otrygga platser "
        "varje termin.",
        "Break supervisors are outside at every break, and the safety team goes through unsafe "
        "places every term.",
        "Välituntivalvojat ovat ulkona jokaisella välitunnilla, ja turvallisuustiimi käy "
        "turvattomat paikat läpi joka lukukausi.",
        "يوجد مشرفون في الخارج في كل استراحة، ويراجع فريق الأمان الأماكن غير الآمنة كل فصل دراسي.",
        "Vuxna är ute på alla raster. Varje termin letar vi efter platser där elever känner "
        "sig otrygga.",
    ),
    (
        "Kommunens elevenkät i årskurs 2, 5 och 8.",
        "The municipality's pupil survey in years 2, 5 and 8.",
        "Kunnan oppilaskysely 2., 5. ja 8. luokalla.",
        "استطلاع البلدية للتلاميذ في الصفوف الثاني والخامس والثامن.",
        "Elever i årskurs 2, 5 och 8 svarar på frågor.",
    ),
    # --- Hemtjänst -------------------------------------------------------------------------
    ("Hemtjänst", "Home care", "Kotipalvelu", "الرعاية المنزلية", "Hemtjänst"),
    (
        "Hemtjänst är hjälp i hemmet för dig som behöver stöd i vardagen, till exempel med "
        "personlig omvårdnad, städning eller inköp. Du väljer själv utförare.",
        "Home care is help at home for you who need support in everyday life, for example "
        "with personal care, cleaning or shopping. You choose the provider yourself.",
        "Kotipalvelu on apua kotiin sinulle, joka tarvitset tukea arjessa, esimerkiksi "
        "henkilökohtaisessa hoidossa, siivouksessa tai ostoksissa. Valitset palveluntuottajan "
        "itse.",
        "الرعاية المنزلية مساعدة في البيت لمن يحتاج إلى دعم في حياته اليومية، مثل العناية "
        "الشخصية أو التنظيف أو التسوّق. وأنت تختار مقدّم الخدمة بنفسك.",
        "Hemtjänst är hjälp hemma. Du kan få hjälp att tvätta dig, städa eller handla. Du "
        "väljer själv vem som ska hjälpa dig.",
    ),
    (
        "Hjälpen börjar snabbt efter beslut.",
        "Help starts soon after the decision.",
        "Apu alkaa nopeasti päätöksen jälkeen.",
        "تبدأ المساعدة بسرعة بعد القرار.",
        "Du får hjälp snabbt när du har fått ja.",
    ),
    (
        "Insatserna startar inom fem arbetsdagar efter biståndsbeslut i minst 95 procent av "
        "fallen.",
        "Services start within five working days of the decision in at least 95 per cent of cases.",
        "Palvelut alkavat viiden arkipäivän kuluessa avustuspäätöksestä vähintään 95 prosentissa "
        "tapauksista.",
        "تبدأ الخدمات خلال خمسة أيام عمل من قرار المساعدة في 95 في المئة على الأقل من الحالات.",
        "Hjälpen börjar inom fem dagar. Det gäller nästan alltid.",
    ),
    (
        "Biståndshandläggaren och utföraren har ett gemensamt startmöte med dig.",
        "The needs assessor and the provider hold a first meeting with you together.",
        "Avustuskäsittelijä ja palveluntuottaja pitävät kanssasi yhteisen aloituskokouksen.",
        "يعقد موظف تقييم الاحتياجات ومقدّم الخدمة اجتماع بدء مشتركًا معك.",
        "Först träffar du den som har beslutat om hjälpen och den som ska hjälpa dig.",
    ),
    (
        "Uppföljning i verksamhetssystemet varje kvartal.",
        "A check in the case system every quarter.",
        "Seuranta toimintajärjestelmässä neljännesvuosittain.",
        "متابعة في نظام العمل كل ثلاثة أشهر.",
        "Vi kontrollerar fyra gånger om året.",
    ),
    (
        "Du kan välja och byta utförare.",
        "You can choose and change your provider.",
        "Voit valita ja vaihtaa palveluntuottajaa.",
        "يمكنك اختيار مقدّم الخدمة وتغييره.",
        "Du får välja vem som hjälper dig. Du får byta.",
    ),
    (
        "Alla som beviljas hemtjänst får skriftlig information om alla utförare inom "
        "valfrihetssystemet.",
        "Everyone granted home care gets written information about every provider in the "
        "choice system.",
        "Kaikki, joille myönnetään kotipalvelua, saavat kirjallista tietoa kaikista "
        "valinnanvapausjärjestelmän palveluntuottajista.",
        "يحصل كل من تُمنَح له الرعاية المنزلية على معلومات مكتوبة عن جميع مقدّمي الخدمة في نظام "
        "حرية الاختيار.",
        "Alla som får hemtjänst får ett papper. Där står vilka som kan hjälpa dig.",
    ),
    (
        "Information om utförarna finns på webben och skickas med beslutet.",
        "Information about the providers is on the web and is sent with the decision.",
        "Tietoa palveluntuottajista on verkossa, ja se lähetetään päätöksen mukana.",
        "المعلومات عن مقدّمي الخدمة موجودة على الإنترنت وتُرسَل مع القرار.",
        "Du kan läsa om dem på webben. Vi skickar också informationen med beslutet.",
    ),
    (
        "Stickprov i akterna två gånger per år.",
        "Spot checks of the case files twice a year.",
        "Pistokokeet asiakirjoista kaksi kertaa vuodessa.",
        "فحص عيّنات من الملفات مرتين في السنة.",
        "Vi kontrollerar papperen två gånger om året.",
    ),
    (
        "Hemtjänst Centrum",
        "Home Care Centrum",
        "Kotipalvelu Centrum",
        "الرعاية المنزلية Centrum",
        "Hemtjänst Centrum",
    ),
    (
        "Vi ger stöd och omsorg till dig som bor i centrala Ängsby så att du kan leva ett "
        "självständigt liv i ditt eget hem, på dina villkor.",
        "We give support and care to you who live in central Ängsby, so that you can live an "
        "independent life in your own home, on your own terms.",
        "Annamme tukea ja huolenpitoa sinulle, joka asut Ängsbyn keskustassa, jotta voit elää "
        "itsenäistä elämää omassa kodissasi omilla ehdoillasi.",
        "نقدّم الدعم والرعاية لك إذا كنت تسكن في وسط Ängsby، لكي تعيش حياة مستقلة في بيتك وبشروطك.",
        "Vi hjälper dig som bor mitt i Ängsby. Du ska kunna bo kvar hemma och bestämma själv.",
    ),
    (
        "Enhetschefen för hemtjänstgruppen",
        "The manager of the home care team",
        "Kotipalveluryhmän esihenkilö",
        "مديرة فريق الرعاية المنزلية",
        "Chefen för hemtjänsten",
    ),
    (
        "Om vi inte har hållit ett åtagande ringer enhetschefen upp dig inom två arbetsdagar. "
        "Vi ber om ursäkt, förklarar vad som hänt och erbjuder ett nytt besök. Uteblivet besök "
        "som du betalat för dras av på nästa faktura.",
        "If we have not kept a commitment, the manager calls you within two working days. We "
        "apologise, explain what happened and offer a new visit. A missed visit you have paid "
        "for is taken off your next invoice.",
        "Jos emme ole pitäneet lupaustamme, esihenkilö soittaa sinulle kahden arkipäivän "
        "kuluessa. Pyydämme anteeksi, kerromme mitä tapahtui ja tarjoamme uuden käynnin. "
        "Maksamasi käynti, joka jäi tekemättä, vähennetään seuraavasta laskusta.",
        "إذا لم نفِ بأحد التزاماتنا، تتصل بك المديرة خلال يومَي عمل. نعتذر ونشرح ما حدث ونعرض "
        "زيارة جديدة. وتُخصَم الزيارة الفائتة التي دفعت ثمنها من فاتورتك التالية.",
        "Om vi inte gör det vi lovat ringer chefen dig inom två dagar. Vi säger förlåt och "
        "berättar vad som hänt. Du får ett nytt besök. Du betalar inte för ett besök som "
        "inte blev av.",
    ),
    (
        "Är du inte nöjd kan du vända dig till Vård- och omsorgsförvaltningen, telefon "
        "0123-45 67 00, eller till Inspektionen för vård och omsorg (IVO).",
        "If you are not satisfied, you can turn to the Health and Social Care Department, "
        "phone 0123-45 67 00, or to the Health and Social Care Inspectorate (IVO).",
        "Jos et ole tyytyväinen, voit ottaa yhteyttä hoito- ja hoivahallintoon, puhelin "
        "0123-45 67 00, tai sosiaali- ja terveydenhuollon valvontavirastoon (IVO).",
        "إذا لم تكن راضيًا، يمكنك التوجّه إلى إدارة الرعاية الصحية والاجتماعية على الهاتف "
        "0123-45 67 00، أو إلى هيئة التفتيش على الرعاية الصحية والاجتماعية (IVO).",
        "Är du inte nöjd? Ring Vård- och omsorgsförvaltningen på 0123-45 67 00. Eller "
        "kontakta IVO.",
    ),
    (
        "Alla dagar 7.00–22.00",
        "Every day 7.00–22.00",
        "Joka päivä 7.00–22.00",
        "كل الأيام 7.00–22.00",
        "Alla dagar 7.00–22.00",
    ),
    (
        "Vardagar 8.00–16.00",
        "Weekdays 8.00–16.00",
        "Arkisin 8.00–16.00",
        "أيام الأسبوع 8.00–16.00",
        "Måndag till fredag 8.00–16.00",
    ),
    (
        "Lena Karlsson, enhetschef",
        "Lena Karlsson, manager",
        "Lena Karlsson, esihenkilö",
        "Lena Karlsson، مديرة الوحدة",
        "Lena Karlsson, chef",
    ),
    (
        "Du möter så få olika personer som möjligt.",
        "You meet as few different people as possible.",
        "Tapaat mahdollisimman vähän eri ihmisiä.",
        "تلتقي بأقل عدد ممكن من الأشخاص المختلفين.",
        "Det är inte så många olika personer som kommer till dig.",
    ),
    (
        "En brukare med dagliga insatser möter i genomsnitt högst 12 olika medarbetare under 14 "
        "dagar.",
        "A client with daily help meets no more than 12 different staff on average over 14 days.",
        "Päivittäistä apua saava asiakas tapaa 14 päivän aikana keskimäärin enintään 12 eri "
        "työntekijää.",
        "يلتقي المستفيد الذي يتلقى خدمات يومية بـ12 موظفًا مختلفًا على الأكثر في المتوسط خلال "
        "14 يومًا.",
        "Får du hjälp varje dag? Då möter du högst 12 olika personer på två veckor.",
    ),
    (
        "Varje brukare har en kontaktperson och vi planerar i fasta arbetslag.",
        "Every client has a contact person, and we plan in fixed teams.",
        "Jokaisella asiakkaalla on yhteyshenkilö, ja suunnittelemme työn kiinteissä tiimeissä.",
        "لكل مستفيد شخص مسؤول عنه، ونخطّط العمل في فرق ثابتة.",
        "Du har en kontaktperson. Det är samma grupp som hjälper dig.",
    ),
    (
        "Mätning i planeringssystemet två gånger per år.",
        "A measurement in the planning system twice a year.",
        "Mittaus suunnittelujärjestelmässä kaksi kertaa vuodessa.",
        "قياس في نظام التخطيط مرتين في السنة.",
        "Vi räknar två gånger om året.",
    ),
    (
        "Vi kommer den tid vi har kommit överens om.",
        "We come at the time we have agreed.",
        "Tulemme sovittuun aikaan.",
        "نأتي في الوقت الذي اتفقنا عليه.",
        "Vi kommer när vi har sagt.",
    ),
    (
        "Minst 90 procent av besöken påbörjas inom 15 minuter från avtalad tid.",
        "At least 90 per cent of visits start within 15 minutes of the agreed time.",
        "Vähintään 90 prosenttia käynneistä alkaa 15 minuutin sisällä sovitusta ajasta.",
        "تبدأ 90 في المئة على الأقل من الزيارات خلال 15 دقيقة من الموعد المتفق عليه.",
        "Vi kommer högst 15 minuter efter den tid vi sagt. Det gäller 9 av 10 besök.",
    ),
    (
        "Vi ringer alltid om vi blir försenade mer än 15 minuter.",
        "We always call if we are more than 15 minutes late.",
        "Soitamme aina, jos myöhästymme yli 15 minuuttia.",
        "نتصل بك دائمًا إذا تأخرنا أكثر من 15 دقيقة.",
        "Blir vi mer än 15 minuter sena ringer vi dig.",
    ),
    (
        "Tidsregistrering via mobil enhet, sammanställd varje månad.",
        "Time recording on a mobile device, compiled every month.",
        "Ajan kirjaus mobiililaitteella, koottuna joka kuukausi.",
        "تسجيل الوقت عبر جهاز محمول، ويُجمَع كل شهر.",
        "Vi skriver upp tiden i telefonen och räknar varje månad.",
    ),
    (
        "Du blir bemött med värdighet i ditt eget hem.",
        "You are treated with dignity in your own home.",
        "Sinua kohdellaan arvokkaasti omassa kodissasi.",
        "تُعامَل بكرامة في بيتك.",
        "Vi visar dig respekt när vi är hemma hos dig.",
    ),
    (
        "Minst 90 procent av de svarande instämmer i att personalen bemöter dem väl.",
        "At least 90 per cent of those answering agree that staff treat them well.",
        "Vähintään 90 prosenttia vastaajista on samaa mieltä siitä, että henkilökunta kohtelee "
        "heitä hyvin.",
        "يوافق 90 في المئة على الأقل من المشاركين على أن الموظفين يعاملونهم معاملة حسنة.",
        "Minst 9 av 10 ska säga att personalen är bra mot dem.",
    ),
    (
        "Vi arbetar efter den nationella värdegrunden och diskuterar bemötande vid varje "
        "arbetsplatsträff.",
        "We work by the national core values and discuss how we treat people at every staff "
        "meeting.",
        "Työskentelemme kansallisen arvopohjan mukaisesti ja keskustelemme asiakkaiden "
        "kohtaamisesta jokaisessa työpaikkakokouksessa.",
        "نعمل وفق منظومة القيم الوطنية، ونناقش حسن التعامل في كل اجتماع عمل.",
        "Vi följer regler för hur man ska vara mot andra. Vi pratar om det på alla möten.",
    ),
    (
        "Socialstyrelsens brukarundersökning Vad tycker de äldre om äldreomsorgen?",
        "The National Board of Health and Welfare's survey “What do older people think of "
        "elderly care?”",
        "Sosiaalihallituksen asiakaskysely ”Mitä ikääntyneet ajattelevat vanhustenhuollosta?”",
        "استطلاع المجلس الوطني للصحة والرعاية الاجتماعية «ما رأي كبار السن في رعاية المسنين؟»",
        "Socialstyrelsen frågar varje år vad äldre tycker om hjälpen.",
    ),
    # --- Bibliotek ------------------------------------------------------------------------
    ("Bibliotek", "Libraries", "Kirjastot", "المكتبات", "Bibliotek"),
    (
        "Biblioteken är öppna för alla. Här lånar du böcker, ljudböcker och tidningar, får hjälp "
        "med digitala tjänster och kan delta i program för barn och vuxna.",
        "The libraries are open to everyone. Here you borrow books, audiobooks and newspapers, "
        "get help with digital services and can take part in events for children and adults.",
        "Kirjastot ovat avoinna kaikille. Täällä lainaat kirjoja, äänikirjoja ja lehtiä, saat "
        "apua digitaalisten palvelujen kanssa ja voit osallistua lasten ja aikuisten "
        "tapahtumiin.",
        "المكتبات مفتوحة للجميع. هنا تستعير الكتب والكتب الصوتية والصحف، وتحصل على مساعدة في "
        "الخدمات الرقمية، ويمكنك المشاركة في برامج للأطفال والكبار.",
        "Alla får gå till biblioteket. Där kan du låna böcker och tidningar. Du kan få hjälp "
        "med datorn och mobilen.",
    ),
    (
        "Biblioteken är tillgängliga för alla.",
        "The libraries are accessible to everyone.",
        "Kirjastot ovat kaikkien saavutettavissa.",
        "المكتبات متاحة للجميع.",
        "Alla kan komma in på biblioteken.",
    ),
    (
        "Alla bibliotek har tillgänglig entré, hörslinga och medier i lättläst form och på minst "
        "fem språk.",
        "Every library has an accessible entrance, a hearing loop and media in easy-to-read "
        "form and in at least five languages.",
        "Jokaisessa kirjastossa on esteetön sisäänkäynti, induktiosilmukka sekä selkokielistä "
        "aineistoa ja aineistoa vähintään viidellä kielellä.",
        "في كل مكتبة مدخل ميسَّر وحلقة سمعية ومواد بلغة مبسّطة وبخمس لغات على الأقل.",
        "Det är lätt att komma in på alla bibliotek. Det finns hörslinga. Det finns lättlästa "
        "böcker och böcker på fem språk.",
    ),
    (
        "Tillgängligheten inventeras varje år tillsammans med kommunens tillgänglighetsråd.",
        "Accessibility is reviewed every year together with the municipality's accessibility "
        "council.",
        "Saavutettavuus tarkistetaan vuosittain yhdessä kunnan vammaisneuvoston kanssa.",
        "تُراجَع إمكانية الوصول كل عام بالتعاون مع مجلس إمكانية الوصول في البلدية.",
        "Varje år tittar vi på om alla kan komma in. Vi gör det med kommunens råd.",
    ),
    (
        "Årlig tillgänglighetsinventering.",
        "A yearly accessibility review.",
        "Vuosittainen saavutettavuuskartoitus.",
        "مراجعة سنوية لإمكانية الوصول.",
        "Vi kontrollerar varje år.",
    ),
    (
        "Lånet är avgiftsfritt.",
        "Borrowing is free.",
        "Lainaaminen on maksutonta.",
        "الاستعارة مجانية.",
        "Det kostar inget att låna.",
    ),
    (
        "Inga avgifter tas ut för lån av böcker och andra medier.",
        "No fees are charged for borrowing books and other media.",
        "Kirjojen ja muun aineiston lainaamisesta ei peritä maksuja.",
        "لا تُفرَض رسوم على استعارة الكتب والمواد الأخرى.",
        "Du betalar inget när du lånar böcker.",
    ),
    (
        "Förseningsavgifter är avskaffade; vi påminner i stället med sms och e-post.",
        "Late fees have been abolished; instead we remind you by text message and e-mail.",
        "Myöhästymismaksut on poistettu; muistutamme sen sijaan tekstiviestillä ja sähköpostilla.",
        "أُلغيت رسوم التأخير؛ وبدلًا منها نذكّرك برسالة نصية وبالبريد الإلكتروني.",
        "Du betalar inget om du lämnar tillbaka för sent. Vi skickar ett sms eller mejl.",
    ),
    (
        "Genomgång av avgiftsuttag i bibliotekssystemet varje år.",
        "A review of fees charged in the library system every year.",
        "Perittyjen maksujen tarkistus kirjastojärjestelmästä joka vuosi.",
        "مراجعة الرسوم المحصّلة في نظام المكتبة كل عام.",
        "Vi kontrollerar varje år.",
    ),
    (
        "Ängsby stadsbibliotek",
        "Ängsby City Library",
        "Ängsbyn kaupunginkirjasto",
        "مكتبة مدينة Ängsby",
        "Ängsby stadsbibliotek",
    ),
    (
        "Stadsbiblioteket är kommunens största bibliotek och en mötesplats för alla. Vi främjar "
        "läsning, fri åsiktsbildning och digital delaktighet.",
        "The city library is the municipality's largest library and a meeting place for "
        "everyone. We promote reading, the free forming of opinions and digital inclusion.",
        "Kaupunginkirjasto on kunnan suurin kirjasto ja kaikkien kohtaamispaikka. Edistämme "
        "lukemista, vapaata mielipiteenmuodostusta ja digitaalista osallisuutta.",
        "مكتبة المدينة أكبر مكتبة في البلدية ومكان لقاء للجميع. نشجّع القراءة وحرية تكوين "
        "الرأي والمشاركة الرقمية.",
        "Stadsbiblioteket är det största biblioteket i kommunen. Alla är välkomna. Vi vill att "
        "många ska läsa och kunna använda datorer.",
    ),
    (
        "Bibliotekschefen",
        "The head librarian",
        "Kirjastonjohtaja",
        "مديرة المكتبة",
        "Chefen för biblioteket",
    ),
    (
        "Om vi inte har hållit ett åtagande får du svar inom två arbetsdagar med en förklaring "
        "och vad vi gör för att det inte ska hända igen.",
        "If we have not kept a commitment, you get an answer within two working days with an "
        "explanation and what we are doing so that it does not happen again.",
        "Jos emme ole pitäneet lupaustamme, saat kahden arkipäivän kuluessa vastauksen, jossa "
        "kerromme syyn ja sen, mitä teemme, jottei sama toistu.",
        "إذا لم نفِ بأحد التزاماتنا، تحصل خلال يومَي عمل على ردّ فيه شرح لما حدث وما نفعله "
        "كي لا يتكرر.",
        "Om vi inte gör det vi lovat får du svar inom två dagar. Vi berättar varför och vad "
        "vi gör så att det inte händer igen.",
    ),
    (
        "Är du inte nöjd kan du vända dig till Kultur- och fritidsförvaltningen, telefon "
        "0123-45 67 00.",
        "If you are not satisfied, you can turn to the Culture and Leisure Department, phone "
        "0123-45 67 00.",
        "Jos et ole tyytyväinen, voit ottaa yhteyttä kulttuuri- ja vapaa-aikahallintoon, "
        "puhelin 0123-45 67 00.",
        "إذا لم تكن راضيًا، يمكنك التوجّه إلى إدارة الثقافة والترفيه على الهاتف 0123-45 67 00.",
        "Är du inte nöjd? Ring Kultur- och fritidsförvaltningen på 0123-45 67 00.",
    ),
    (
        "Mån–tors 10–19, fre 10–18, lör 11–15",
        "Mon–Thu 10–19, Fri 10–18, Sat 11–15",
        "Ma–to 10–19, pe 10–18, la 11–15",
        "الاثنين–الخميس 10–19، الجمعة 10–18، السبت 11–15",
        "Måndag till torsdag 10–19. Fredag 10–18. Lördag 11–15.",
    ),
    (
        "Vardagar 10.00–16.00",
        "Weekdays 10.00–16.00",
        "Arkisin 10.00–16.00",
        "أيام الأسبوع 10.00–16.00",
        "Måndag till fredag 10.00–16.00",
    ),
    (
        "Cecilia Forsberg, bibliotekschef",
        "Cecilia Forsberg, head librarian",
        "Cecilia Forsberg, kirjastonjohtaja",
        "Cecilia Forsberg، مديرة المكتبة",
        "Cecilia Forsberg, chef för biblioteket",
    ),
    (
        "Du får besked när din reservation finns att hämta.",
        "You are told when your reservation is ready to collect.",
        "Saat ilmoituksen, kun varauksesi on noudettavissa.",
        "يصلك إشعار عندما يصبح حجزك جاهزًا للاستلام.",
        "Vi säger till när boken du vill låna har kommit.",
    ),
    (
        "Minst 98 procent av avhämtningsmeddelandena skickas samma dag som boken kommit in.",
        "At least 98 per cent of pick-up notices are sent the day the book arrives.",
        "Vähintään 98 prosenttia noutoilmoituksista lähetetään samana päivänä, kun kirja on "
        "saapunut.",
        "تُرسَل 98 في المئة على الأقل من إشعارات الاستلام في اليوم نفسه الذي يصل فيه الكتاب.",
        "Nästan alltid får du veta samma dag som boken kommer.",
    ),
    (
        "Inkommande reservationer hanteras varje morgon innan biblioteket öppnar.",
        "Incoming reservations are handled every morning before the library opens.",
        "Saapuneet varaukset käsitellään joka aamu ennen kirjaston avautumista.",
        "تُعالَج الحجوزات الواردة كل صباح قبل أن تفتح المكتبة.",
        "Varje morgon innan vi öppnar tar vi hand om böckerna som har kommit.",
    ),
    (
        "Statistik ur bibliotekssystemet varje kvartal.",
        "Statistics from the library system every quarter.",
        "Tilastot kirjastojärjestelmästä neljännesvuosittain.",
        "إحصاءات من نظام المكتبة كل ثلاثة أشهر.",
        "Vi räknar fyra gånger om året.",
    ),
    (
        "Du får hjälp att hitta det du söker.",
        "You get help finding what you are looking for.",
        "Saat apua etsimäsi löytämiseen.",
        "تحصل على مساعدة في العثور على ما تبحث عنه.",
        "Vi hjälper dig att hitta det du letar efter.",
    ),
    (
        "Minst 90 procent av besökarna instämmer i att de fått den hjälp de behövde.",
        "At least 90 per cent of visitors agree that they got the help they needed.",
        "Vähintään 90 prosenttia kävijöistä on samaa mieltä siitä, että he saivat tarvitsemansa "
        "avun.",
        "يوافق 90 في المئة على الأقل من الزوار على أنهم حصلوا على المساعدة التي احتاجوها.",
        "Minst 9 av 10 besökare ska säga att de fick hjälp.",
    ),
    (
        "Det finns alltid en bibliotekarie i informationsdisken under bemannad tid.",
        "There is always a librarian at the information desk during staffed hours.",
        "Neuvontatiskillä on aina kirjastonhoitaja henkilökunnan paikallaoloaikana.",
        "يوجد دائمًا أمين مكتبة في مكتب الاستعلامات خلال ساعات العمل.",
        "När biblioteket är öppet finns det alltid någon i disken som kan hjälpa dig.",
    ),
    (
        "Besökarenkät två veckor varje höst.",
        "A visitor survey for two weeks every autumn.",
        "Kävijäkysely kahden viikon ajan joka syksy.",
        "استطلاع للزوار لمدة أسبوعين كل خريف.",
        "Varje höst får besökarna svara på frågor.",
    ),
    (
        "Du kan få hjälp med digitala tjänster.",
        "You can get help with digital services.",
        "Voit saada apua digitaalisten palvelujen kanssa.",
        "يمكنك الحصول على مساعدة في الخدمات الرقمية.",
        "Du kan få hjälp med datorn och mobilen.",
    ),
    (
        "Drop-in för digital hjälp erbjuds minst en gång i veckan; minst 85 procent av "
        "deltagarna blir hjälpta.",
        "Drop-in digital help is offered at least once a week; at least 85 per cent of those "
        "who come get the help they need.",
        "Digitaalista drop-in-apua tarjotaan vähintään kerran viikossa; vähintään 85 prosenttia "
        "osallistujista saa apua.",
        "تُقدَّم المساعدة الرقمية دون موعد مرة واحدة في الأسبوع على الأقل، ويحصل 85 في المئة على "
        "الأقل من المشاركين على المساعدة.",
        "En gång i veckan kan du komma utan att boka tid och få hjälp. Nästan alla får hjälp.",
    ),
    (
        "Digitala guider hjälper till med e-legitimation, appar och digitala blanketter.",
        "Digital guides help with e-identification, apps and digital forms.",
        "Digiopastajat auttavat sähköisen tunnistautumisen, sovellusten ja sähköisten "
        "lomakkeiden kanssa.",
        "يساعد المرشدون الرقميون في الهوية الإلكترونية والتطبيقات والاستمارات الرقمية.",
        "Vi hjälper dig med BankID, appar och blanketter på nätet.",
    ),
    (
        "Enkel enkät efter varje tillfälle.",
        "A short survey after each session.",
        "Lyhyt kysely jokaisen kerran jälkeen.",
        "استطلاع قصير بعد كل جلسة.",
        "Efteråt får du svara på några frågor.",
    ),
    (
        "Vi köper in det du föreslår när det är möjligt.",
        "We buy what you suggest when we can.",
        "Hankimme ehdottamasi aineiston aina kun mahdollista.",
        "نشتري ما تقترحه عندما يكون ذلك ممكنًا.",
        "Vi köper böcker som du tipsar om, om vi kan.",
    ),
    (
        "Minst 80 procent av inköpsförslagen bifalls och du får besked inom två veckor.",
        "At least 80 per cent of purchase suggestions are accepted, and you hear back within "
        "two weeks.",
        "Vähintään 80 prosenttia hankintaehdotuksista hyväksytään, ja saat vastauksen kahden "
        "viikon kuluessa.",
        "يُقبَل 80 في المئة على الأقل من اقتراحات الشراء، ويصلك الرد خلال أسبوعين.",
        "Vi köper minst 8 av 10 böcker som någon tipsar om. Du får svar inom två veckor.",
    ),
    (
        "Inköpsförslag lämnas i disken, på webben eller i appen och behandlas varje vecka.",
        "Suggestions are made at the desk, on the web or in the app, and dealt with every week.",
        "Hankintaehdotuksen voi jättää tiskille, verkossa tai sovelluksessa, ja ne käsitellään "
        "viikoittain.",
        "تُقدَّم اقتراحات الشراء في المكتب أو على الإنترنت أو في التطبيق، وتُعالَج كل أسبوع.",
        "Du kan tipsa i disken, på webben eller i appen. Vi läser tipsen varje vecka.",
    ),
    (
        "Sammanställning av inköpsförslag varje halvår.",
        "A summary of purchase suggestions every six months.",
        "Koonti hankintaehdotuksista puolivuosittain.",
        "ملخّص لاقتراحات الشراء كل ستة أشهر.",
        "Vi räknar tipsen två gånger om året.",
    ),
]

TRANSLATIONS = {
    swedish: dict(zip(LANGUAGE_COLUMNS, others, strict=True)) for swedish, *others in ROWS
}
